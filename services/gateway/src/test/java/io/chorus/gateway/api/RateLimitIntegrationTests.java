package io.chorus.gateway.api;

import io.chorus.gateway.Downstream;
import io.chorus.gateway.GatewayTestSupport;
import io.chorus.testkit.TestNamespace;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Token buckets per member, per client address, and a stricter one for the auth endpoints. */
@TestPropertySource(properties = { "chorus.gateway.rate-limit.member.capacity=5",
		"chorus.gateway.rate-limit.member.refill-per-second=0.05", "chorus.gateway.rate-limit.anonymous.capacity=4",
		"chorus.gateway.rate-limit.anonymous.refill-per-second=0.05", "chorus.gateway.rate-limit.auth.capacity=2",
		"chorus.gateway.rate-limit.auth.refill-per-second=0.05" })
class RateLimitIntegrationTests extends GatewayTestSupport {

	static final Downstream downstream = new Downstream();

	@DynamicPropertySource
	static void downstream(DynamicPropertyRegistry registry) {
		downstream.register(registry);
	}

	@AfterAll
	static void stop() {
		downstream.close();
	}

	@Test
	void aMemberGetsItsBucketThen429WithRetryAfter(TestNamespace namespace) {
		String token = downstream.token("m-20");
		for (int remaining = 4; remaining >= 0; remaining--) {
			client().get().uri("/api/timeline/home").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
				.exchange()
				.expectStatus().isOk()
				.expectHeader().valueEquals("X-RateLimit-Remaining", Integer.toString(remaining));
		}
		int before = downstream.hits("timeline");
		String retryAfter = client().get().uri("/api/timeline/home").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus().isEqualTo(429)
			.expectHeader().valueEquals("X-RateLimit-Remaining", "0")
			.expectHeader().exists("X-Trace-Id")
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.type").isEqualTo("urn:chorus:problem:rate-limited")
			.returnResult().getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER);
		assertThat(retryAfter).isNotNull();
		assertThat(Long.parseLong(retryAfter)).as("one token every 20 s").isBetween(1L, 20L);
		assertThat(downstream.hits("timeline")).as("refused at the edge").isEqualTo(before);

		client().get().uri("/api/timeline/home").header(HttpHeaders.AUTHORIZATION, "Bearer " + downstream.token("m-21"))
			.exchange()
			.expectStatus().isOk();
		try (RedisClient client = RedisClient.create(namespace.redis().url());
				StatefulRedisConnection<String, String> connection = client.connect()) {
			assertThat(connection.sync().exists(namespace.redisKeyPrefix() + "gw:rl:member:m-20"))
				.as("member buckets live in the gateway, not a Redis round trip per request").isZero();
		}
	}

	@Test
	void anonymousCallersAreLimitedPerAddressWhateverTheyClaim() {
		WebTestClient first = client("127.0.0.20");
		for (int i = 0; i < 4; i++) {
			first.get().uri("/api/search?q=x").exchange().expectStatus().isOk();
		}
		first.get().uri("/api/search?q=x").exchange().expectStatus().isEqualTo(429);
		first.get().uri("/api/search?q=x").header("X-Forwarded-For", "198.51.100.1").exchange()
			.expectStatus().isEqualTo(429);
		client("127.0.0.21").get().uri("/api/search?q=x").exchange().expectStatus().isOk();
	}

	@Test
	void theAuthEndpointsHaveTheirOwnStricterBucket() {
		WebTestClient caller = client("127.0.0.22");
		caller.post().uri("/api/auth/login").exchange().expectStatus().isOk();
		caller.post().uri("/api/auth/login").exchange().expectStatus().isOk();
		caller.post().uri("/api/auth/signup").exchange().expectStatus().isEqualTo(429)
			.expectHeader().exists(HttpHeaders.RETRY_AFTER);
		caller.get().uri("/api/search?q=x").exchange().expectStatus().isOk();
	}

}
