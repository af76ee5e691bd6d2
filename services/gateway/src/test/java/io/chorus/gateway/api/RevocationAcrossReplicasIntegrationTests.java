package io.chorus.gateway.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.chorus.gateway.Downstream;
import io.chorus.gateway.GatewayApplication;
import io.chorus.gateway.GatewayTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.awaitility.Awaitility.await;

/**
 * Two gateway replicas on one Redis: each checks revocations against its own copy, and a logout
 * at one is refused at the other within a second (pushed over Redis pub/sub, not polled: the
 * reconciliation interval here is an hour).
 */
class RevocationAcrossReplicasIntegrationTests extends GatewayTestSupport {

	static final Downstream downstream = new Downstream();

	static ConfigurableApplicationContext second;

	@Autowired
	Environment environment;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		downstream.register(registry);
		registry.add("chorus.gateway.redis.reconcile-interval", () -> "1h");
	}

	/** The second replica: same stubs, same Redis and key prefix as this test's gateway. */
	@BeforeEach
	void startSecondReplica() {
		if (second != null) {
			return;
		}
		Map<String, String> settings = new LinkedHashMap<>(downstream.properties());
		settings.put("server.port", "0");
		settings.put("management.server.port", "0");
		for (String name : List.of("spring.data.redis.host", "spring.data.redis.port", "spring.data.redis.username",
				"spring.data.redis.password", "chorus.redis.key-prefix")) {
			String value = this.environment.getProperty(name);
			if (value != null) {
				settings.put(name, value);
			}
		}
		settings.put("chorus.gateway.redis.reconcile-interval", "1h");
		settings.put("chorus.logging.format", "plain");
		List<String> args = new ArrayList<>();
		settings.forEach((key, value) -> args.add("--" + key + "=" + value));
		second = new SpringApplicationBuilder(GatewayApplication.class).run(args.toArray(String[]::new));
	}

	@AfterAll
	static void stop() {
		if (second != null) {
			second.close();
		}
		downstream.close();
	}

	private WebTestClient secondReplica() {
		String port = second.getEnvironment().getProperty("local.server.port");
		return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(10)).build();
	}

	@Test
	void aLogoutAtOneReplicaIsRefusedAtTheOtherWithinASecond() {
		String token = downstream.token("m-40");
		home(secondReplica(), token).expectStatus().isOk(); // verified and cached there

		client().post().uri("/api/auth/logout").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
			.expectStatus().isOk();

		await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
			.untilAsserted(() -> home(secondReplica(), token).expectStatus().isUnauthorized()
				.expectHeader().valueEquals("X-Relogin-Required", "true"));
		home(client(), token).expectStatus().isUnauthorized();
	}

	@Test
	void aLogoutAllAtTheOtherReplicaIsRefusedHereWithinASecond() {
		String token = downstream.token("m-41");
		String otherSession = downstream.token("m-41");
		home(client(), token).expectStatus().isOk();

		secondReplica().post().uri("/api/auth/logout-all").header(HttpHeaders.AUTHORIZATION, "Bearer " + otherSession)
			.exchange()
			.expectStatus().isOk();

		await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
			.untilAsserted(() -> home(client(), token).expectStatus().isUnauthorized());
		home(client(), downstream.token("m-42")).expectStatus().isOk();
	}

	private static WebTestClient.ResponseSpec home(WebTestClient client, String token) {
		return client.get().uri("/api/timeline/home").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
	}

}
