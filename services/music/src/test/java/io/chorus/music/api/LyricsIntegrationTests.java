package io.chorus.music.api;

import java.util.List;
import java.util.Map;

import io.chorus.music.testing.IntegrationTestBase;
import io.chorus.music.testing.MusicClient;
import io.chorus.music.testing.TestAudio;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

class LyricsIntegrationTests extends IntegrationTestBase {

	private String owner;

	private String trackId;

	@BeforeEach
	void track() {
		this.owner = MusicClient.newMemberId();
		String artist = (String) this.client.createArtist(this.owner, "Singers").get("id");
		this.trackId = (String) this.client.uploadTrack(this.owner, artist, "Words", TestAudio.wav(10_000)).get("id");
	}

	@Test
	void timedLinesRoundTripAsJsonAndLrc() {
		put(this.owner, MediaType.APPLICATION_JSON,
				Map.of("lines", List.of(line(0, 1500, "Hello"), line(1500, 4000, "world"), line(5000, 9000, "again"))))
			.expectStatus()
			.isOk();

		Map<String, Object> json = this.client.getJson("/api/tracks/" + this.trackId + "/lyrics");
		assertThat(json.get("lines")).asList().hasSize(3);
		String lrc = this.client.http()
			.get()
			.uri("/api/tracks/" + this.trackId + "/lyrics?format=lrc")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(lrc).isEqualTo("[00:00.00]Hello\n[00:01.50]world\n[00:05.00]again\n");
	}

	@Test
	void lrcImportEndsEachLineAtTheNextAndTheLastAtTheTracksEnd() {
		put(this.owner, MediaType.TEXT_PLAIN, "[ar:Singers]\n[00:01.00]One\n[00:03.25]Two\n").expectStatus().isOk();

		this.client.http()
			.get()
			.uri("/api/tracks/" + this.trackId + "/lyrics")
			.exchange()
			.expectBody()
			.jsonPath("$.lines[0].startMs")
			.isEqualTo(1000)
			.jsonPath("$.lines[0].endMs")
			.isEqualTo(3250)
			.jsonPath("$.lines[1].endMs")
			.isEqualTo(10_000);
	}

	@Test
	void overlappingOrUnorderedLinesAreRefusedAndNothingChanges() {
		put(this.owner, MediaType.APPLICATION_JSON, Map.of("lines", List.of(line(0, 1000, "keep")))).expectStatus()
			.isOk();

		put(this.owner, MediaType.APPLICATION_JSON,
				Map.of("lines", List.of(line(0, 2000, "a"), line(1500, 3000, "overlaps"))))
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("lines[1].startMs");
		put(this.owner, MediaType.APPLICATION_JSON,
				Map.of("lines", List.of(line(3000, 4000, "b"), line(1000, 2000, "earlier"))))
			.expectStatus()
			.isBadRequest();
		put(this.owner, MediaType.APPLICATION_JSON, Map.of("lines", List.of(line(2000, 1000, "backwards"))))
			.expectStatus()
			.isBadRequest();
		put(this.owner, MediaType.APPLICATION_JSON, Map.of("lines", List.of(line(9000, 20_000, "too long"))))
			.expectStatus()
			.isBadRequest();

		this.client.http()
			.get()
			.uri("/api/tracks/" + this.trackId + "/lyrics")
			.exchange()
			.expectBody()
			.jsonPath("$.lines[0].text")
			.isEqualTo("keep")
			.jsonPath("$.lines.length()")
			.isEqualTo(1);
	}

	@Test
	void onlyTheTracksOwnerMayWriteLyrics() {
		put(MusicClient.newMemberId(), MediaType.APPLICATION_JSON, Map.of("lines", List.of(line(0, 1000, "x"))))
			.expectStatus()
			.isForbidden();
	}

	private static Map<String, Object> line(long start, long end, String text) {
		return Map.of("startMs", start, "endMs", end, "text", text);
	}

	private WebTestClient.ResponseSpec put(String member, MediaType type, Object body) {
		return this.client.http()
			.put()
			.uri("/api/tracks/" + this.trackId + "/lyrics")
			.header("X-Passport", this.client.passport(member))
			.contentType(type)
			.bodyValue(body)
			.exchange();
	}

}
