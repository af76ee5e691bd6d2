package io.chorus.music.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.chorus.music.testing.IntegrationTestBase;
import io.chorus.music.testing.MusicClient;
import io.chorus.testkit.kafka.CloudEventsOnKafka;
import io.chorus.music.testing.TestAudio;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Play counting rules, the play window, the played event and recently played. */
class PlayIntegrationTests extends IntegrationTestBase {

	private String trackId;

	private String artistId;

	@BeforeEach
	void track() {
		String owner = MusicClient.newMemberId();
		this.artistId = (String) this.client.createArtist(owner, "Players").get("id");
		// 4 s long: half is 2000 ms, below the 30 s rule
		this.trackId = (String) this.client.uploadTrack(owner, this.artistId, "Short one", TestAudio.wav(4000))
			.get("id");
	}

	@Test
	void aShortListenIsNotCounted() {
		String member = MusicClient.newMemberId();

		report(member, 1999).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.counted")
			.isEqualTo(false)
			.jsonPath("$.reason")
			.isEqualTo("TOO_SHORT");

		assertThat(plays()).isZero();
	}

	@Test
	void halfTheTrackCountsOnceAndARepeatWithinTheWindowDoesNot() {
		String member = MusicClient.newMemberId();

		Map<String, Object> first = body(report(member, 2000));
		assertThat(first).containsEntry("counted", true).containsEntry("reason", "COUNTED");
		String playId = (String) first.get("playId");
		assertThat(playId).isNotBlank();

		assertThat(body(report(member, 4000))).containsEntry("counted", false)
			.containsEntry("reason", "ALREADY_COUNTED_IN_WINDOW");
		assertThat(plays()).isEqualTo(1);
		assertThat(count("SELECT COUNT(*) FROM play WHERE track_id = '" + this.trackId + "'")).isEqualTo(1);

		CloudEventsOnKafka.Received event = this.events.await("chorus.music.track.played.v1",
				(e) -> playId.equals(e.data().path("playId").asString()));
		assertThat(event.subject()).isEqualTo(this.trackId);
		assertThat(event.data().path("memberId").asString()).isEqualTo(member);
		assertThat(event.data().path("artistId").asString()).isEqualTo(this.artistId);
		assertThat(event.data().path("listenedMs").asLong()).isEqualTo(2000);
		assertThat(event.data().path("playedAt").isMissingNode()).isFalse();
	}

	@Test
	void thirtySecondsCountEvenOnALongTrack() {
		String member = MusicClient.newMemberId();
		// a listen longer than the track is allowed (repeats within one session)
		assertThat(body(report(member, 30_000))).containsEntry("counted", true);
	}

	@Test
	void concurrentPlaysByDifferentMembersAllCount() {
		WebClient web = WebClient.builder().baseUrl("http://127.0.0.1:" + this.port).build();
		int members = 20;

		List<Map<String, Object>> answers = Flux.range(0, members)
			.flatMap((i) -> web.post()
				.uri("/api/tracks/" + this.trackId + "/plays")
				.header("X-Passport", this.client.passport(MusicClient.newMemberId()))
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("listenedMs", 3000))
				.retrieve()
				.bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {
				}), 20)
			.collectList()
			.block(Duration.ofSeconds(60));

		assertThat(answers).hasSize(members).allSatisfy((a) -> assertThat(a).containsEntry("counted", true));
		assertThat(plays()).isEqualTo(members);
	}

	@Test
	void concurrentReportsOfOneMemberCountOnce() {
		WebClient web = WebClient.builder().baseUrl("http://127.0.0.1:" + this.port).build();
		String passport = this.client.passport(MusicClient.newMemberId());

		List<Map<String, Object>> answers = Flux.range(0, 10)
			.flatMap((i) -> web.post()
				.uri("/api/tracks/" + this.trackId + "/plays")
				.header("X-Passport", passport)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("listenedMs", 3000))
				.retrieve()
				.bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {
				}), 10)
			.collectList()
			.block(Duration.ofSeconds(60));

		assertThat(answers.stream().filter((a) -> Boolean.TRUE.equals(a.get("counted")))).hasSize(1);
		assertThat(plays()).isEqualTo(1);
	}

	@Test
	void badReportsAreRefused() {
		String member = MusicClient.newMemberId();
		report(member, -1).expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("listenedMs");
		this.client.http()
			.post()
			.uri("/api/tracks/" + this.trackId + "/plays")
			.header("X-Passport", this.client.passport(member))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("listenedMs", "long"))
			.exchange()
			.expectStatus()
			.isBadRequest();
		this.client.http()
			.post()
			.uri("/api/tracks/" + this.trackId + "/plays")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("listenedMs", 40_000))
			.exchange()
			.expectStatus()
			.isUnauthorized();
		this.client.http()
			.post()
			.uri("/api/tracks/unknown/plays")
			.header("X-Passport", this.client.passport(member))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("listenedMs", 40_000))
			.exchange()
			.expectStatus()
			.isNotFound();
		assertThat(plays()).isZero();
	}

	@Test
	void recentlyPlayedListsEachTrackOnceNewestFirst() {
		String member = MusicClient.newMemberId();
		String owner = MusicClient.newMemberId();
		String artist = (String) this.client.createArtist(owner, "Recent").get("id");
		String other = (String) this.client.uploadTrack(owner, artist, "Other", TestAudio.wav(300)).get("id");

		report(member, 100).expectStatus().isOk();
		report(member, 40_000, other).expectStatus().isOk();
		report(member, 100).expectStatus().isOk();

		Map<String, Object> page = body(this.client.http()
			.get()
			.uri("/api/me/recent-tracks")
			.header("X-Passport", this.client.passport(member))
			.exchange());
		assertThat(MusicClient.items(page).stream().map((t) -> t.get("id"))).containsExactly(this.trackId, other);
		this.client.http().get().uri("/api/me/recent-tracks").exchange().expectStatus().isUnauthorized();
	}

	private long plays() {
		return ((Number) this.client.getJson("/api/tracks/" + this.trackId).get("plays")).longValue();
	}

	private WebTestClient.ResponseSpec report(String member, long listenedMs) {
		return report(member, listenedMs, this.trackId);
	}

	private WebTestClient.ResponseSpec report(String member, long listenedMs, String track) {
		return this.client.http()
			.post()
			.uri("/api/tracks/" + track + "/plays")
			.header("X-Passport", this.client.passport(member))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("listenedMs", listenedMs))
			.exchange();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> body(WebTestClient.ResponseSpec spec) {
		return spec.expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
	}

}
