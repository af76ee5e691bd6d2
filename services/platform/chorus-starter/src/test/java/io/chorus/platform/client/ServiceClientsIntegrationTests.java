package io.chorus.platform.client;

import io.chorus.platform.passport.Passports;
import io.chorus.platform.testapp.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

/**
 * A request through the test service to the downstream stub: what the downstream receives, and
 * what the caller gets when the downstream fails.
 */
class ServiceClientsIntegrationTests extends IntegrationTestSupport {

	private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

	private static final String TRACEPARENT = "00-" + TRACE_ID + "-b7ad6b7169203331-01";

	@Test
	void passportAndTraceContextAreForwarded() {
		String passport = passports.valid("m-5", "dee", "USER");
		this.client.get()
			.uri("/fn/proxy/echo")
			.header(Passports.HEADER, passport)
			.header("traceparent", TRACEPARENT)
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.passport").isEqualTo(passport)
			// Same trace, new parent span: the client call is a child span of the server request.
			.jsonPath("$.traceparent").value(String.class, (value) -> org.assertj.core.api.Assertions.assertThat(value)
				.matches("00-" + TRACE_ID + "-[0-9a-f]{16}-01")
				.isNotEqualTo(TRACEPARENT));
	}

	@Test
	void anonymousCallsCarryNoPassport() {
		this.client.get()
			.uri("/fn/proxy/echo")
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.passport").doesNotExist()
			.jsonPath("$.traceparent").isNotEmpty();
	}

	@Test
	void downstreamProblemPassesThroughWithItsDetailAndFields() {
		this.client.get()
			.uri("/fn/proxy/problem")
			.exchange()
			.expectStatus().isEqualTo(409)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail").isEqualTo("That handle is taken.")
			.jsonPath("$.errors[0].field").isEqualTo("handle")
			.jsonPath("$.instance").isEqualTo("/fn/proxy/problem");
	}

	@Test
	void downstream500IsA502ForTheCaller() {
		this.client.get()
			.uri("/fn/proxy/fail")
			.exchange()
			.expectStatus().isEqualTo(502)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type").isEqualTo("urn:chorus:problem:downstream")
			.jsonPath("$.detail").isEqualTo("127.0.0.1 failed (status 500).");
	}

	@Test
	void slowDownstreamIsA504ForTheCaller() {
		this.client.get()
			.uri("/fn/proxy/slow")
			.exchange()
			.expectStatus().isEqualTo(504)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail").isEqualTo("127.0.0.1 did not answer in time.");
	}

}
