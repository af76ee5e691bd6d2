package io.chorus.platform.observability;

import io.chorus.platform.testapp.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** What every service gets without configuring anything: probes and metrics on their own port. */
class DefaultsIntegrationTests extends IntegrationTestSupport {

	@Test
	void managementPortServesLivenessAndReadiness() {
		WebTestClient management = clientFor(this.managementPort);
		for (String probe : new String[] { "liveness", "readiness" }) {
			management.get()
				.uri("/actuator/health/" + probe)
				.exchange()
				.expectStatus().isOk()
				.expectBody()
				.jsonPath("$.status").isEqualTo("UP");
		}
	}

	@Test
	void managementPortServesPrometheusMetrics() {
		byte[] body = clientFor(this.managementPort).get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus().isOk()
			.expectBody().returnResult().getResponseBody();
		assertThat(new String(body)).contains("jvm_memory_used_bytes", "http_server_requests");
	}

	@Test
	void applicationPortDoesNotServeActuator() {
		assertThat(this.managementPort).isNotEqualTo(this.port);
		for (String path : new String[] { "/actuator/health/liveness", "/actuator/health/readiness",
				"/actuator/prometheus" }) {
			this.client.get().uri(path).exchange().expectStatus().isNotFound();
		}
	}

}
