package io.chorus.music.api;

import java.util.List;

import io.chorus.music.testing.IntegrationTestBase;
import io.chorus.music.testing.MusicClient;
import io.chorus.music.testing.Multipart;
import io.chorus.music.testing.TestAudio;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A media volume without room (here: a free-space reserve no disk has): uploads are refused with
 * 507 and {@code Retry-After} before their files are read, and nothing is left on disk.
 */
@TestPropertySource(properties = "chorus.music.min-free-space=1000000TB")
class UploadStorageIntegrationTests extends IntegrationTestBase {

	@Test
	void uploadsAnswer507WhenTheVolumeHasNoRoomAndLeaveNothing() {
		String owner = MusicClient.newMemberId();
		String artistId = (String) this.client.createArtist(owner, "No Room").get("id");
		List<String> filesBefore = mediaFiles();

		this.client.upload(owner, new Multipart().field("artistId", artistId)
			.field("title", "Squeezed")
			.file("file", "a.wav", "audio/wav", TestAudio.wav(1000)))
			.expectStatus()
			.isEqualTo(HttpStatus.INSUFFICIENT_STORAGE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.exists(HttpHeaders.RETRY_AFTER);
		Multipart image = new Multipart().file("file", "me.png", "image/png", TestAudio.png(10, 10));
		this.client.http()
			.post()
			.uri("/api/images")
			.header("X-Passport", this.client.passport(owner))
			.header("Content-Type", image.contentType())
			.bodyValue(image.body())
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.INSUFFICIENT_STORAGE);

		assertThat(mediaFiles()).isEqualTo(filesBefore);
		assertThat(count("SELECT COUNT(*) FROM track")).isZero();
	}

}
