package io.chorus.gateway.api;


import io.chorus.gateway.Downstream;
import io.chorus.gateway.Echo;
import io.chorus.gateway.GatewayTestSupport;
import io.chorus.gateway.PausableTcpProxy;
import io.chorus.testkit.TestInfrastructure;
import io.chorus.testkit.redis.RedisEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documented policy: when Redis hangs or fails, revocation checks and rate limits FAIL OPEN
 * (requests proceed; access tokens live at most 15 minutes, and an outage must not lock every
 * member out), each skip is counted in {@code chorus.gateway.redis.fail.open{operation}} and
 * logged. The gateway reaches Redis through a proxy the test can make hang.
 */
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
	void whileRedisHangsRequestsProceedAndEverySkipIsCounted() {
		String token = downstream.token("m-30");
		client().get().uri("/api/timeline/home").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
			.expectStatus().isOk()
			.expectHeader().exists("X-RateLimit-Remaining");
		double checksBefore = failOpen("revocation-check");
		double limitsBefore = failOpen("rate-limit");

		proxy.pause();
		Echo echo = client().get().uri("/api/timeline/home").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus().isOk()
			.expectHeader().doesNotExist("X-RateLimit-Remaining")
			.expectBody(Echo.class).returnResult().getResponseBody();
		client().get().uri("/api/search?q=x").exchange().expectStatus().isOk();

		assertThat(echo).isNotNull();
		assertThat(echo.header("X-Passport")).as("still authenticated: the token itself was verified").isNotBlank();
		assertThat(failOpen("revocation-check")).isEqualTo(checksBefore + 1);
		assertThat(failOpen("rate-limit")).isEqualTo(limitsBefore + 2);
	}

	@Test
	void aLogoutDuringAnOutageStillSucceedsAndRevocationWorksAgainAfterRecovery() {
		double writesBefore = failOpen("revocation-write");
		proxy.pause();
		client().post().uri("/api/auth/logout").header(HttpHeaders.AUTHORIZATION, "Bearer " + downstream.token("m-31"))
			.exchange()
			.expectStatus().isOk();
		assertThat(failOpen("revocation-write")).as("the write gave up and was counted").isEqualTo(writesBefore + 1);
		proxy.resume();

		String token = downstream.token("m-32");
		client().post().uri("/api/auth/logout").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
			.expectStatus().isOk();
		client().get().uri("/api/timeline/home").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
			.expectStatus().isUnauthorized()
			.expectHeader().valueEquals("X-Relogin-Required", "true");
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
