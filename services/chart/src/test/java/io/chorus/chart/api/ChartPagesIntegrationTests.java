package io.chorus.chart.api;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.chorus.chart.testing.IntegrationTestBase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pages rendered once per change: the bytes and the ETag change when plays change (through the
 * real consumer), an unchanged page answers 304 to {@code If-None-Match}, and a closed period's
 * page is served as immutable.
 */
class ChartPagesIntegrationTests extends IntegrationTestBase {

	@Test
	void bytesAndETagChangeWhenPlaysChangeAndAnUnchangedPageIs304() {
		String hit = "p-" + UUID.randomUUID();
		String other = "q-" + UUID.randomUUID();
		Instant now = Instant.parse("2027-01-05T10:00:00Z");
		this.music.publish(this.music.played(hit, now), this.music.played(hit, now), this.music.played(other, now));
		Awaitility.await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(plays(read(null).getResponseBody(), hit)).isEqualTo(2));
		EntityExchangeResult<byte[]> first = read(null);
		String etag = first.getResponseHeaders().getETag();
		assertThat(etag).isNotBlank();
		assertThat(first.getResponseHeaders().getCacheControl()).isEqualTo("no-cache");

		this.http.get().uri("/api/charts/daily?date=2027-01-05").header(HttpHeaders.IF_NONE_MATCH, etag).exchange()
			.expectStatus().isNotModified()
			.expectHeader().valueEquals(HttpHeaders.ETAG, etag)
			.expectBody().isEmpty();
		assertThat(read(null).getResponseBody()).as("unchanged while nothing was played").isEqualTo(first.getResponseBody());

		this.music.publish(this.music.played(other, now), this.music.played(other, now));
		Awaitility.await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(plays(read(null).getResponseBody(), other)).isEqualTo(3));
		EntityExchangeResult<byte[]> second = read(etag);
		assertThat(second.getStatus().value()).as("the old ETag no longer matches").isEqualTo(200);
		assertThat(second.getResponseHeaders().getETag()).isNotEqualTo(etag);
		assertThat(second.getResponseBody()).isNotEqualTo(first.getResponseBody());
		JsonNode chart = JsonMapper.shared().readTree(second.getResponseBody());
		assertThat(chart.path("items").get(0).path("trackId").asString()).isEqualTo(other);
	}

	@Test
	void eachLimitHasItsOwnETag() {
		Instant now = Instant.parse("2027-01-05T10:00:00Z");
		for (int i = 0; i < 3; i++) {
			this.music.publish(this.music.played("l-" + i + "-" + UUID.randomUUID(), now));
		}
		Awaitility.await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(items("/api/charts/daily?date=2027-01-05&limit=3")).isEqualTo(3));
		String three = this.http.get().uri("/api/charts/daily?date=2027-01-05&limit=3").exchange()
			.returnResult(byte[].class).getResponseHeaders().getETag();
		String two = this.http.get().uri("/api/charts/daily?date=2027-01-05&limit=2").exchange()
			.returnResult(byte[].class).getResponseHeaders().getETag();
		assertThat(three).isNotEqualTo(two);
		assertThat(items("/api/charts/daily?date=2027-01-05&limit=2")).isEqualTo(2);
	}

	@Test
	void aClosedPeriodIsServedAsImmutable() {
		this.music.publish(this.music.played("c-" + UUID.randomUUID(), Instant.parse("2026-12-29T10:00:00Z")));
		Awaitility.await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(items("/api/charts/weekly?date=2026-12-30")).isEqualTo(1));
		String cache = this.http.get().uri("/api/charts/weekly?date=2026-12-30").exchange()
			.expectStatus().isOk()
			.returnResult(byte[].class).getResponseHeaders().getCacheControl();
		assertThat(cache).contains("max-age=31536000").contains("immutable").contains("public");
	}

	private EntityExchangeResult<byte[]> read(String ifNoneMatch) {
		return this.http.get()
			.uri("/api/charts/daily?date=2027-01-05")
			.headers((headers) -> {
				if (ifNoneMatch != null) {
					headers.set(HttpHeaders.IF_NONE_MATCH, ifNoneMatch);
				}
			})
			.exchange()
			.expectBody(byte[].class)
			.returnResult();
	}

	private int items(String path) {
		byte[] body = this.http.get().uri(path).exchange().expectStatus().isOk().expectBody(byte[].class)
			.returnResult().getResponseBody();
		return JsonMapper.shared().readTree(body).path("items").size();
	}

	private static long plays(byte[] body, String trackId) {
		for (JsonNode item : JsonMapper.shared().readTree(body).path("items")) {
			if (item.path("trackId").asString().equals(trackId)) {
				return item.path("plays").asLong();
			}
		}
		return 0;
	}

}
