package io.chorus.platform.observability;

import java.util.List;

import io.chorus.platform.testapp.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RED metrics per route with bounded tags (templates, never raw paths), service-client, JVM and
 * Netty series, all on the management port's Prometheus endpoint.
 */
class MetricsIntegrationTests extends IntegrationTestSupport {

	private String scrape() {
		byte[] body = clientFor(this.managementPort).get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus().isOk()
			.expectBody().returnResult().getResponseBody();
		return new String(body);
	}

	private static List<String> series(String scrape, String name) {
		return scrape.lines().filter((line) -> line.startsWith(name + "{")).toList();
	}

	@Test
	void serverRequestsAreTaggedWithTheRouteTemplateNeverTheRawPath() {
		for (long id : new long[] { 1, 22, 333 }) {
			this.client.get().uri("/mvc/tracks/" + id).exchange().expectStatus().isOk();
		}
		for (int i = 0; i < 3; i++) {
			this.client.get().uri("/no/such/path-" + i).exchange().expectStatus().isNotFound();
		}

		List<String> requests = series(scrape(), "http_server_requests_seconds_count");
		assertThat(requests).anyMatch((line) -> line.contains("uri=\"/mvc/tracks/{id}\"") && line.contains("status=\"200\""));
		// Unmatched paths collapse into one fixed tag: the resource handler's catch-all pattern
		// ("/**") or, without it, NOT_FOUND / UNKNOWN.
		assertThat(requests.stream().filter((line) -> line.contains("status=\"404\"")))
			.isNotEmpty()
			.allMatch((line) -> line.contains("uri=\"/**\"") || line.contains("uri=\"NOT_FOUND\"")
					|| line.contains("uri=\"UNKNOWN\""));
		assertThat(requests).noneMatch((line) -> line.contains("/mvc/tracks/22") || line.contains("/mvc/tracks/333")
				|| line.contains("path-"));
	}

	@Test
	void serviceClientCallsAreTaggedWithTheUriTemplateAndDownstream() {
		this.client.get().uri("/fn/proxy/echo").exchange().expectStatus().isOk();

		String scrape = scrape();
		assertThat(series(scrape, "http_client_requests_seconds_count"))
			.anyMatch((line) -> line.contains("uri=\"/{name}\"") && line.contains("client_name=\"127.0.0.1\""));
		assertThat(series(scrape, "resilience4j_circuitbreaker_state"))
			.anyMatch((line) -> line.contains("name=\"127.0.0.1\"") && line.contains("state=\"closed\"")
					&& line.endsWith(" 1.0"));
		assertThat(scrape).contains("resilience4j_bulkhead_available_concurrent_calls");
	}

	@Test
	void jvmAndNettyMetricsArePublished() {
		assertThat(scrape()).contains("jvm_memory_used_bytes", "jvm_gc_", "jvm_threads_live_threads",
				"process_cpu_usage", "netty_allocator_memory_used");
	}

}
