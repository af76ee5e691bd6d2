package io.chorus.music.api;

import io.chorus.platform.passport.Roles;
import java.util.Map;

import io.chorus.music.testing.IntegrationTestBase;
import io.chorus.music.testing.MusicClient;
import io.chorus.music.testing.Multipart;
import io.chorus.music.testing.TestAudio;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Changing and deleting tracks, and images used as artist avatars. */
class TrackChangeIntegrationTests extends IntegrationTestBase {

	@Test
	void theOwnerRenamesATrackAndTheChangeIsPublished() {
		String owner = MusicClient.newMemberId();
		String artist = (String) this.client.createArtist(owner, "Renamers").get("id");
		String id = (String) this.client.uploadTrack(owner, artist, "Old", TestAudio.wav(300)).get("id");

		patch(MusicClient.newMemberId(), id, Map.of("title", "Hijacked")).expectStatus().isForbidden();
		patch(owner, id, Map.of("title", "")).expectStatus().isBadRequest();
		patch(owner, id, Map.of("title", "New")).expectStatus().isOk();

		assertThat(this.client.getJson("/api/tracks/" + id)).containsEntry("title", "New");
		var event = this.events.await("chorus.music.track.updated.v1", (e) -> id.equals(e.subject()));
		assertThat(event.data().path("title").asString()).isEqualTo("New");
		assertThat(event.data().path("artistName").asString()).isEqualTo("Renamers");
		assertThat(event.data().path("durationMs").asLong()).isEqualTo(300);
	}

	@Test
	void anAdminMayDeleteSomeoneElsesTrack() {
		String owner = MusicClient.newMemberId();
		String artist = (String) this.client.createArtist(owner, "Deleted").get("id");
		String id = (String) this.client.uploadTrack(owner, artist, "Doomed", TestAudio.wav(300)).get("id");

		delete(this.client.passport(MusicClient.newMemberId()), id).expectStatus().isForbidden();
		delete(this.client.passport(MusicClient.newMemberId(), Roles.MEMBER, Roles.ADMIN), id).expectStatus().isNoContent();

		this.client.http().get().uri("/api/tracks/" + id).exchange().expectStatus().isNotFound();
		var event = this.events.await("chorus.music.track.deleted.v1", (e) -> id.equals(e.subject()));
		assertThat(event.data().path("artistId").asString()).isEqualTo(artist);
	}

	@Test
	void anUploadedImageBecomesAnArtistsAvatar() {
		String owner = MusicClient.newMemberId();
		byte[] png = TestAudio.png(40, 20);
		Multipart body = new Multipart().file("file", "me.png", "image/png", png);
		@SuppressWarnings("unchecked")
		Map<String, Object> image = this.client.http()
			.post()
			.uri("/api/images")
			.header("X-Passport", this.client.passport(owner))
			.header("Content-Type", body.contentType())
			.bodyValue(body.body())
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		String imageId = (String) image.get("id");
		assertThat(image).containsEntry("width", 40).containsEntry("height", 20);

		this.client.http()
			.post()
			.uri("/api/artists")
			.header("X-Passport", this.client.passport(MusicClient.newMemberId()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "Thief", "imageId", imageId))
			.exchange()
			.expectStatus()
			.isBadRequest();
		Map<String, Object> artist = this.client.http()
			.post()
			.uri("/api/artists")
			.header("X-Passport", this.client.passport(owner))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "Pictured", "imageId", imageId))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();

		byte[] served = this.client.http()
			.get()
			.uri((String) artist.get("imageUrl"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		assertThat(served).isEqualTo(png);
	}

	@Test
	void anImageUploadThatIsNotAnImageIsRefused() {
		Multipart body = new Multipart().file("file", "me.png", "image/png", TestAudio.wav(100));
		var before = mediaFiles();

		this.client.http()
			.post()
			.uri("/api/images")
			.header("X-Passport", this.client.passport(MusicClient.newMemberId()))
			.header("Content-Type", body.contentType())
			.bodyValue(body.body())
			.exchange()
			.expectStatus()
			.isEqualTo(415);

		assertThat(mediaFiles()).isEqualTo(before);
	}

	private WebTestClient.ResponseSpec patch(String member, String id, Map<String, ?> body) {
		return this.client.http()
			.patch()
			.uri("/api/tracks/" + id)
			.header("X-Passport", this.client.passport(member))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	private WebTestClient.ResponseSpec delete(String passport, String id) {
		return this.client.http().delete().uri("/api/tracks/" + id).header("X-Passport", passport).exchange();
	}

}
