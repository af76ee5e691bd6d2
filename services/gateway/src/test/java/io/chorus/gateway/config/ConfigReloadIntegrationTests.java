package io.chorus.gateway.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.chorus.gateway.Downstream;
import io.chorus.gateway.GatewayTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What spring-cloud-kubernetes does when the gateway's ConfigMap changes (reload strategy
 * refresh): new property values, then an {@link EnvironmentChangeEvent} naming the changed keys.
 * The running gateway must apply a new CORS allow-list and new rate-limit buckets to the very
 * next request, without a restart.
 */
class ConfigReloadIntegrationTests extends GatewayTestSupport {

	static final String RELOADED_ORIGIN = "https://reloaded.chorus.test";

	static final Downstream downstream = new Downstream();

	@Autowired
	ConfigurableApplicationContext context;

	@DynamicPropertySource
	static void downstream(DynamicPropertyRegistry registry) {
		downstream.register(registry);
	}

	@AfterAll
	static void stop() {
		downstream.close();
	}

	private void reload(Map<String, Object> configMap) {
		this.context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("configmap", configMap));
		this.context.publishEvent(new EnvironmentChangeEvent(this.context, Set.copyOf(configMap.keySet())));
	}

	@AfterEach
	void restore() {
		MapPropertySource reloaded = (MapPropertySource) this.context.getEnvironment()
			.getPropertySources()
			.remove("configmap");
		if (reloaded != null) {
			this.context.publishEvent(new EnvironmentChangeEvent(this.context, Set.copyOf(reloaded.getSource().keySet())));
		}
	}

	@Test
	void aNewlyAllowedOriginIsAdmittedWithoutARestart() {
		client().get().uri("/api/search?q=x").header(HttpHeaders.ORIGIN, RELOADED_ORIGIN).exchange()
			.expectStatus().isForbidden();

		reload(Map.of("chorus.gateway.cors.allowed-origins[0]", "https://app.chorus.test",
				"chorus.gateway.cors.allowed-origins[1]", RELOADED_ORIGIN));

		client().get().uri("/api/search?q=x").header(HttpHeaders.ORIGIN, RELOADED_ORIGIN).exchange()
			.expectStatus().isOk()
			.expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, RELOADED_ORIGIN);
		client().get().uri("/api/search?q=x").header(HttpHeaders.ORIGIN, "https://app.chorus.test").exchange()
			.expectStatus().isOk();
	}

	@Test
	void aSmallerBucketAppliesToTheNextRequestWithoutARestart() {
		client("127.0.0.40").get().uri("/api/search?q=x").exchange()
			.expectStatus().isOk()
			.expectHeader().valueEquals("X-RateLimit-Remaining", "59");

		Map<String, Object> configMap = new HashMap<>();
		configMap.put("chorus.gateway.rate-limit.anonymous.capacity", "2");
		configMap.put("chorus.gateway.rate-limit.anonymous.refill-per-second", "0.05");
		reload(configMap);

		var client = client("127.0.0.41");
		client.get().uri("/api/search?q=x").exchange()
			.expectStatus().isOk()
			.expectHeader().valueEquals("X-RateLimit-Remaining", "1");
		client.get().uri("/api/search?q=x").exchange().expectStatus().isOk();
		client.get().uri("/api/search?q=x").exchange().expectStatus().isEqualTo(429);
	}

}
