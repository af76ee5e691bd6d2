package io.chorus.music.api;

import java.time.Duration;
import java.util.Map;

import io.chorus.music.testing.IntegrationTestBase;
import io.chorus.music.testing.MusicClient;
import io.chorus.music.testing.TestAudio;
import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import io.chorus.testkit.faults.FaultProxy;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Music while one of its stores is unreachable. MariaDB holds the catalogue: requests answer 503
 * with {@code Retry-After} in bounded time and write nothing. Redis holds the recently-played
 * lists and play windows: those answer 503, while the catalogue and streaming go on.
 */
@ChorusInfrastructure(value = { Infra.MARIADB, Infra.REDIS, Infra.KAFKA }, faults = { Infra.MARIADB, Infra.REDIS })
class MusicOutageIntegrationTests extends IntegrationTestBase {

	@Test
	void withMariaDbDownRequestsAnswer503AndWriteNothingThenRecover(TestNamespace namespace) {
		String owner = MusicClient.newMemberId();
		String artistId = (String) this.client.createArtist(owner, "Down Beat").get("id");
		String trackId = (String) this.client.uploadTrack(owner, artistId, "Before", TestAudio.wav(300)).get("id");
		long artists = count("SELECT COUNT(*) FROM artist");
		FaultProxy mariaDb = namespace.faultProxy(Infra.MARIADB);
		mariaDb.down();
		try {
			unavailable(bounded().get().uri("/api/tracks/" + trackId).exchange());
			unavailable(bounded().post()
				.uri("/api/artists")
				.header("X-Passport", this.client.passport(owner))
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("name", "Never"))
				.exchange());
		}
		finally {
			mariaDb.up();
		}
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> bounded().get().uri("/api/tracks/" + trackId).exchange().expectStatus().isOk());
		assertThat(count("SELECT COUNT(*) FROM artist")).isEqualTo(artists);
	}

	@Test
	void withRedisDownRecentTracksAnswer503WhileTheCatalogueAndStreamingGoOn(TestNamespace namespace) {
		String owner = MusicClient.newMemberId();
		String artistId = (String) this.client.createArtist(owner, "Red Is").get("id");
		String trackId = (String) this.client.uploadTrack(owner, artistId, "Still", TestAudio.wav(300)).get("id");
		FaultProxy redis = namespace.faultProxy(Infra.REDIS);
		redis.down();
		try {
			unavailable(bounded().get()
				.uri("/api/me/recent-tracks")
				.header("X-Passport", this.client.passport(owner))
				.exchange());
			bounded().get().uri("/api/tracks/" + trackId).exchange().expectStatus().isOk();
			bounded().get().uri("/api/tracks/" + trackId + "/stream").exchange().expectStatus().isOk();
		}
		finally {
			redis.up();
		}
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> bounded().get()
				.uri("/api/me/recent-tracks")
				.header("X-Passport", this.client.passport(owner))
				.exchange()
				.expectStatus()
				.isOk());
	}

	/** Answered within 9 s, below the gateway's 10 s. */
	private WebTestClient bounded() {
		return this.client.http().mutate().responseTimeout(Duration.ofSeconds(9)).build();
	}

	private static void unavailable(WebTestClient.ResponseSpec response) {
		response.expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.exists(HttpHeaders.RETRY_AFTER);
	}

}
