package io.chorus.gateway.api;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jwt.JWTClaimsSet;
import io.chorus.gateway.Downstream;
import io.chorus.gateway.Echo;
import io.chorus.gateway.GatewayTestSupport;
import io.chorus.gateway.PausableTcpProxy;
import io.chorus.gateway.TestTokens;
import io.chorus.testkit.TestInfrastructure;
import io.chorus.testkit.TestNamespace;
import io.chorus.testkit.redis.RedisEndpoint;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The documented Redis outage policy. Revocation checks and the general rate limits never touch
 * Redis on a request (each replica holds its own copy and buckets), so an outage changes nothing
 * for them. The shared auth bucket fails open, counted in
 * {@code chorus.gateway.redis.fail.open{operation}}. A logout while Redis is known to be down is
 * refused with 503 before it reaches member; a logout whose write hangs is applied here at once
 * and written to Redis when it answers again, never dropped. The gateway reaches Redis through a
 * proxy the test can make hang or drop.
 */
@TestPropertySource(properties = "chorus.gateway.redis.reconcile-interval=500ms")
class RedisOutageIntegrationTests extends GatewayTestSupport {

	static final Downstream downstream = new Downstream();

	static final RedisEndpoint redis = TestInfrastructure.redis();

	static final PausableTcpProxy proxy = new PausableTcpProxy(redis.host(), redis.port());

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		downstream.register(registry);
		// The URL wins over the testkit's host/port, whatever the property source order.
		registry.add("spring.data.redis.url", () -> redis.url().replace(redis.host() + ":" + redis.port(),
				"127.0.0.1:" + proxy.port()));
	}

	@AfterAll
	static void stop() {
		proxy.close();
		downstream.close();
	}

	@AfterEach
	void resume() {
		proxy.resume();
	}

	@Test
	void whileRedisHangsRevokedTokensStayRefusedAndOnlyTheSharedAuthBucketFailsOpen() {
		String revoked = downstream.token("m-30");
		String token = downstream.token("m-33");
		client().post().uri("/api/auth/logout").header(HttpHeaders.AUTHORIZATION, "Bearer " + revoked).exchange()
			.expectStatus().isOk();
		double authLimitsBefore = failOpen("rate-limit");

		proxy.pause();
		Echo echo = client().get().uri("/api/timeline/home").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus().isOk()
			.expectHeader().exists("X-RateLimit-Remaining")
			.expectBody(Echo.class).returnResult().getResponseBody();
		assertThat(echo).isNotNull();
		assertThat(echo.header("X-Passport")).isNotBlank();
		client().get().uri("/api/timeline/home").header(HttpHeaders.AUTHORIZATION, "Bearer " + revoked).exchange()
			.expectStatus().isUnauthorized()
			.expectHeader().valueEquals("X-Relogin-Required", "true");
		client().post().uri("/api/auth/login").exchange().expectStatus().isOk();
		assertThat(failOpen("rate-limit")).as("the auth bucket is in Redis and fails open")
			.isEqualTo(authLimitsBefore + 1);
	}

	@Test
	void aLogoutWhoseWriteHangsIsAppliedHereAtOnceAndWrittenWhenRedisAnswers(TestNamespace namespace) {
		JWTClaimsSet claims = TestTokens.claims("m-31").build();
		String token = downstream.token(claims);
		double writesBefore = failOpen("revocation-write");
		proxy.pause();
		client().post().uri("/api/auth/logout").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus().isOk();
		assertThat(failOpen("revocation-write")).as("the write timed out and was counted").isEqualTo(writesBefore + 1);
		client().get().uri("/api/timeline/home").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
			.expectStatus().isUnauthorized()
			.expectHeader().valueEquals("X-Relogin-Required", "true");

		proxy.resume();
		try (RedisClient client = RedisClient.create(redis.url());
				StatefulRedisConnection<String, String> connection = client.connect()) {
			String key = namespace.redisKeyPrefix() + "gw:revoked:" + claims.getJWTID();
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(connection.sync().exists(key)).as("written once Redis answered")
					.isEqualTo(1));
		}
	}

	@Test
	void aLogoutWhileRedisIsDownIsRefusedBeforeItReachesMember() {
		proxy.drop();
		AtomicInteger attempt = new AtomicInteger();
		AtomicReference<String> refused = new AtomicReference<>();
		// Until the gateway has noticed the drop a logout may still pass (and be kept for later);
		// each try is another member, so one that passed does not affect the one checked below.
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			String token = downstream.token("m-32-" + attempt.incrementAndGet());
			int before = downstream.hits("member");
			client().post().uri("/api/auth/logout-all").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
				.exchange()
				.expectStatus().isEqualTo(503)
				.expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5")
				.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody().jsonPath("$.type").isEqualTo("urn:chorus:problem:revocation-unavailable");
			assertThat(downstream.hits("member")).as("member never saw it").isEqualTo(before);
			refused.set(token);
		});
		String token = refused.get();
		client().get().uri("/api/timeline/home").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
			.expectStatus().isOk(); // nothing was revoked

		proxy.resume();
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> client().post().uri("/api/auth/logout-all")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus().isOk());
		client().get().uri("/api/timeline/home").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
			.expectStatus().isUnauthorized();
	}

	/** The fail-open counter for one operation, read from the management port's Prometheus endpoint. */
	private double failOpen(String operation) {
		String metrics = management().get().uri("/actuator/prometheus").exchange()
			.expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();
		assertThat(metrics).isNotNull();
		return metrics.lines()
			.filter((line) -> line.startsWith("chorus_gateway_redis_fail_open_total{")
					&& line.contains("operation=\"" + operation + "\""))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

}
