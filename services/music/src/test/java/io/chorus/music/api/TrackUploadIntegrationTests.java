package io.chorus.music.api;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import io.chorus.music.testing.IntegrationTestBase;
import io.chorus.music.testing.MusicClient;
import io.chorus.testkit.kafka.CloudEventsOnKafka;
import io.chorus.music.testing.Multipart;
import io.chorus.music.testing.TestAudio;
import io.chorus.testkit.blockhound.BlockHoundProbe;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

@TestPropertySource(properties = "chorus.music.member-quota=" + TrackUploadIntegrationTests.QUOTA)
class TrackUploadIntegrationTests extends IntegrationTestBase {

	static final int QUOTA = 700_000;


	@Test
	void blockHoundIsActive() {
		BlockHoundProbe.assertInstalled();
	}

	@Test
	void uploadStoresTheFileUnderAGeneratedNameWithItsDurationAndPublishes() {
		String owner = MusicClient.newMemberId();
		String artistId = (String) this.client.createArtist(owner, "The Sines").get("id");
		byte[] audio = TestAudio.wav(2000);

		Map<String, Object> track = this.client.uploadTrack(owner, artistId, "  A Tone  ", audio);

		String id = (String) track.get("id");
		assertThat(track).containsEntry("title", "A Tone")
			.containsEntry("artistId", artistId)
			.containsEntry("artistName", "The Sines")
			.containsEntry("ownerId", owner)
			.containsEntry("contentType", "audio/wav")
			.containsEntry("durationMs", 2000)
			.containsEntry("byteSize", audio.length)
			.containsEntry("plays", 0);
		assertThat(this.client.getJson("/api/tracks/" + id)).containsEntry("title", "A Tone");
		assertThat(mediaFiles()).contains("tracks/" + id + ".wav");
		CloudEventsOnKafka.Received event = this.events.await("chorus.music.track.published.v1",
				(e) -> id.equals(e.subject()));
		assertThat(event.key()).isEqualTo(id);
		assertThat(event.data().path("durationMs").asLong()).isEqualTo(2000);
		assertThat(event.data().path("artistName").asString()).isEqualTo("The Sines");
		assertThat(event.data().path("contentType").asString()).isEqualTo("audio/wav");
	}

	@Test
	void aTextFileNamedMp3IsRefusedByItsContentAndNothingIsStored() {
		String owner = MusicClient.newMemberId();
		String artistId = (String) this.client.createArtist(owner, "Liars").get("id");
		List<String> filesBefore = mediaFiles();
		long rowsBefore = count("SELECT COUNT(*) FROM track");

		this.client
			.upload(owner,
					new Multipart().field("artistId", artistId)
						.field("title", "Fake")
						.file("file", "song.mp3", "audio/mpeg",
								"this is plain text pretending to be an mp3 file".repeat(50)
									.getBytes(StandardCharsets.UTF_8)))
			.expectStatus()
			.isEqualTo(415)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("file");

		assertThat(mediaFiles()).isEqualTo(filesBefore);
		assertThat(count("SELECT COUNT(*) FROM track")).isEqualTo(rowsBefore);
	}

	@Test
	void anUploadOverTheLimitIsRefusedWhileStreamingAndLeavesNothing() {
		String owner = MusicClient.newMemberId();
		String artistId = (String) this.client.createArtist(owner, "Too Long").get("id");
		List<String> filesBefore = mediaFiles();
		long rowsBefore = count("SELECT COUNT(*) FROM track");

		this.client
			.upload(owner,
					new Multipart().field("artistId", artistId)
						.field("title", "Epic")
						.file("file", "epic.wav", "audio/wav", TestAudio.wav(MAX_TRACK_BYTES / 8 + 1000)))
			.expectStatus()
			.isEqualTo(413)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("file");

		assertThat(mediaFiles()).isEqualTo(filesBefore);
		assertThat(count("SELECT COUNT(*) FROM track")).isEqualTo(rowsBefore);
	}

	@Test
	void aTraversalFilenameDoesNotEscapeTheMediaDirectory() throws Exception {
		String owner = MusicClient.newMemberId();
		String artistId = (String) this.client.createArtist(owner, "Escapers").get("id");
		String name = "escape-" + System.nanoTime() + ".wav";

		Map<String, Object> track = (Map<String, Object>) this.client
			.upload(owner,
					new Multipart().field("artistId", artistId)
						.field("title", "Out")
						.file("file", "../../../" + name, "audio/wav", TestAudio.wav(500)))
			.expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();

		String id = (String) track.get("id");
		assertThat(mediaFiles()).contains("tracks/" + id + ".wav").noneMatch((f) -> f.contains(name));
		assertThat(Files.exists(this.mediaDir.resolve("../../..").normalize().resolve(name))).isFalse();
		assertThat(Files.exists(this.mediaDir.getParent().resolve(name))).isFalse();
	}

	@Test
	void onlyTheArtistsOwnerMayUploadAndAnonymousCannotAtAll() {
		String owner = MusicClient.newMemberId();
		String artistId = (String) this.client.createArtist(owner, "Mine").get("id");
		List<String> filesBefore = mediaFiles();
		Multipart body = new Multipart().field("artistId", artistId)
			.field("title", "Theirs")
			.file("file", "a.wav", "audio/wav", TestAudio.wav(300));

		this.client.upload(MusicClient.newMemberId(), body).expectStatus().isForbidden();
		this.client.http()
			.post()
			.uri("/api/tracks")
			.header("Content-Type", body.contentType())
			.bodyValue(body.body())
			.exchange()
			.expectStatus()
			.isUnauthorized();

		assertThat(mediaFiles()).isEqualTo(filesBefore);
	}

	@Test
	void ownershipIsCheckedBeforeTheFileIsRead() {
		String owner = MusicClient.newMemberId();
		String artistId = (String) this.client.createArtist(owner, "Not Yours").get("id");
		List<String> filesBefore = mediaFiles();
		// Too large as well: read first, it would have been refused as 413 while streaming.
		Multipart oversized = new Multipart().field("artistId", artistId)
			.field("title", "Flood")
			.file("file", "a.wav", "audio/wav", TestAudio.wav(MAX_TRACK_BYTES / 8 + 1000));

		this.client.upload(MusicClient.newMemberId(), oversized).expectStatus().isForbidden();
		this.client.upload(owner, new Multipart().file("file", "a.wav", "audio/wav", TestAudio.wav(300))
			.field("artistId", artistId))
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[?(@.field == 'artistId')].reason")
			.isEqualTo("is required, before the file part");
		assertThat(mediaFiles()).isEqualTo(filesBefore);
	}

	@Test
	void aMembersUploadsStopAtTheirStorageQuota() {
		String owner = MusicClient.newMemberId();
		String artistId = (String) this.client.createArtist(owner, "Prolific").get("id");
		for (int i = 0; i < 2; i++) {
			this.client.uploadTrack(owner, artistId, "Song " + i, TestAudio.wav(30_000)); // 240 kB each
		}
		List<String> filesBefore = mediaFiles();

		this.client.upload(owner, new Multipart().field("artistId", artistId)
			.field("title", "One too many")
			.file("file", "a.wav", "audio/wav", TestAudio.wav(30_000)))
			.expectStatus()
			.isEqualTo(413)
			.expectBody()
			.jsonPath("$.errors[?(@.field == 'file')].reason")
			.isEqualTo("exceeds your storage quota");
		assertThat(mediaFiles()).isEqualTo(filesBefore);
		// someone else's quota is their own
		String other = MusicClient.newMemberId();
		String theirs = (String) this.client.createArtist(other, "Fresh").get("id");
		this.client.uploadTrack(other, theirs, "First", TestAudio.wav(30_000));
	}

	@Test
	void missingFieldsAreNamed() {
		String owner = MusicClient.newMemberId();
		this.client.upload(owner, new Multipart().field("title", "No artist"))
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[?(@.field == 'artistId')]")
			.exists()
			.jsonPath("$.errors[?(@.field == 'file')]")
			.exists();
	}

	@Test
	void aCoverIsStoredWithAThumbnailAndServedWithCaching() {
		String owner = MusicClient.newMemberId();
		String artistId = (String) this.client.createArtist(owner, "Covered").get("id");
		byte[] png = TestAudio.png(600, 300);

		Map<String, Object> track = (Map<String, Object>) this.client
			.upload(owner,
					new Multipart().field("artistId", artistId)
						.field("title", "With cover")
						.file("file", "a.wav", "audio/wav", TestAudio.wav(400))
						.file("cover", "cover.png", "image/png", png))
			.expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		String id = (String) track.get("id");
		assertThat(track.get("coverImageId")).isNotNull();

		byte[] full = this.client.http()
			.get()
			.uri("/api/tracks/" + id + "/cover")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType("image/png")
			.expectHeader()
			.valueEquals("Cache-Control", MediaHandler.IMAGE_CACHE)
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		assertThat(full).isEqualTo(png);

		var thumb = this.client.http()
			.get()
			.uri("/api/tracks/" + id + "/cover?size=thumb")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(byte[].class)
			.returnResult();
		String etag = thumb.getResponseHeaders().getETag();
		assertThat(etag).isNotNull();
		java.awt.image.BufferedImage small = read(thumb.getResponseBody());
		assertThat(small.getWidth()).isEqualTo(256);
		assertThat(small.getHeight()).isEqualTo(128);

		this.client.http()
			.get()
			.uri("/api/tracks/" + id + "/cover?size=thumb")
			.header("If-None-Match", etag)
			.exchange()
			.expectStatus()
			.isNotModified();
	}

	@Test
	void aCoverThatIsNotAnImageIsRefusedAndTheTrackIsNotStored() {
		String owner = MusicClient.newMemberId();
		String artistId = (String) this.client.createArtist(owner, "Bad cover").get("id");
		List<String> filesBefore = mediaFiles();
		long rowsBefore = count("SELECT COUNT(*) FROM track");

		this.client
			.upload(owner,
					new Multipart().field("artistId", artistId)
						.field("title", "x")
						.file("file", "a.wav", "audio/wav", TestAudio.wav(400))
						.file("cover", "cover.png", "image/png", "not a png at all, just text".getBytes()))
			.expectStatus()
			.isEqualTo(415)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("cover");

		assertThat(mediaFiles()).isEqualTo(filesBefore);
		assertThat(count("SELECT COUNT(*) FROM track")).isEqualTo(rowsBefore);
	}

	private static java.awt.image.BufferedImage read(byte[] bytes) {
		try {
			return javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(bytes));
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
