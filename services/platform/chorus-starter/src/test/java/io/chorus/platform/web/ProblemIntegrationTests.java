package io.chorus.platform.web;

import io.chorus.platform.testapp.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of failure a service can hit ends as RFC 9457 problem+json, on both handler styles. */
@ExtendWith(OutputCaptureExtension.class)
class ProblemIntegrationTests extends IntegrationTestSupport {

	private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

	@ParameterizedTest
	@ValueSource(strings = { "/fn/tracks", "/mvc/tracks" })
	void validBodyIsAccepted(String path) {
		post(path, "{\"title\":\"Song\",\"durationMs\":1000,\"tags\":[\"pop\"]}").expectStatus().isCreated();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/fn/tracks", "/mvc/tracks" })
	void validationFailureListsEveryField(String path) {
		problem(post(path, "{\"title\":\" \",\"durationMs\":-5,\"tags\":[\"a\",\"\",\"c\",\"d\"]}"), 400, path)
			.jsonPath("$.type").isEqualTo("urn:chorus:problem:validation")
			.jsonPath("$.errors.length()").isEqualTo(4)
			.jsonPath("$.errors[?(@.field == 'title')].reason").isNotEmpty()
			.jsonPath("$.errors[?(@.field == 'durationMs')].reason").isNotEmpty()
			.jsonPath("$.errors[?(@.field == 'tags')].reason").isNotEmpty()
			.jsonPath("$.errors[?(@.field =~ /tags\\[1\\].*/)].reason").isNotEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/fn/tracks", "/mvc/tracks" })
	void malformedJsonIsA400(String path) {
		problem(post(path, "{\"title\": \"Song\", "), 400, path).jsonPath("$.detail")
			.isEqualTo("The request body is not well-formed JSON.");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/fn/tracks", "/mvc/tracks" })
	void wrongTypeNamesTheField(String path) {
		problem(post(path, "{\"title\":\"Song\",\"durationMs\":\"long\"}"), 400, path)
			.jsonPath("$.errors[0].field").isEqualTo("durationMs")
			.jsonPath("$.errors[0].reason").isEqualTo("must be a number");
	}

	@Test
	void missingBodyIsA400() {
		problem(this.client.post().uri("/fn/tracks").contentType(MediaType.APPLICATION_JSON).exchange(), 400,
				"/fn/tracks");
	}

	@Test
	void wrongPathVariableTypeNamesTheParameter() {
		problem(this.client.get().uri("/mvc/tracks/abc").exchange(), 400, "/mvc/tracks/abc")
			.jsonPath("$.errors[0].field").isEqualTo("id");
	}

	@Test
	void unknownPathIsA404() {
		problem(this.client.get().uri("/nowhere").exchange(), 404, "/nowhere");
	}

	@Test
	void actuatorIsNotOnTheApplicationPort() {
		problem(this.client.get().uri("/actuator/health").exchange(), 404, "/actuator/health");
	}

	@Test
	void wrongMethodIsA405WithAllow() {
		problem(this.client.delete().uri("/mvc/me").exchange(), 405, "/mvc/me");
		this.client.delete().uri("/mvc/me").exchange().expectHeader().exists(HttpHeaders.ALLOW);
	}

	@Test
	void wrongContentTypeIsA415() {
		problem(this.client.post().uri("/mvc/tracks").contentType(MediaType.TEXT_PLAIN).bodyValue("hi").exchange(),
				415, "/mvc/tracks");
	}

	@Test
	void oversizedBodyIsA413() {
		String title = "x".repeat(300 * 1024);
		problem(post("/mvc/tracks", "{\"title\":\"" + title + "\",\"durationMs\":1}"), 413, "/mvc/tracks");
	}

	@Test
	void problemExceptionIsRenderedAsThrown() {
		problem(this.client.get().uri("/mvc/conflict").exchange(), 409, "/mvc/conflict")
			.jsonPath("$.title").isEqualTo("Conflict")
			.jsonPath("$.detail").isEqualTo("That handle is taken.")
			.jsonPath("$.errors[0].field").isEqualTo("handle")
			.jsonPath("$.errors[0].reason").isEqualTo("is taken");
	}

	@Test
	void responseStatusExceptionKeepsItsStatusAndReason() {
		problem(this.client.get().uri("/mvc/teapot").exchange(), 418, "/mvc/teapot").jsonPath("$.detail")
			.isEqualTo("Short and stout.");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/fn/boom", "/mvc/boom" })
	void unknownExceptionIsAGeneric500CarryingTheTraceId(String path, CapturedOutput output) {
		byte[] raw = problem(this.client.get().uri(path).header("traceparent", TRACEPARENT).exchange(), 500, path)
			.jsonPath("$.traceId").isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736")
			.jsonPath("$.detail").isEqualTo("An unexpected error occurred. Quote the traceId when reporting it.")
			.returnResult().getResponseBody();
		String body = new String(raw);
		assertThat(body).doesNotContain("hunter2", "Exception", "at io.", "trace\"");
		// The cause is logged server-side as a JSON line tagged with the same trace id.
		assertThat(output.getOut()).containsPattern(
				"\\{.*\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\".*hunter2.*\\}");
	}

	@Test
	void traceIdBelongsToANewTraceWhenTheRequestCarriesNone() {
		byte[] body = problem(this.client.get().uri("/nowhere").exchange(), 404, "/nowhere").returnResult()
			.getResponseBody();
		assertThat(new String(body)).containsPattern("\"traceId\":\"[0-9a-f]{32}\"");
	}

	private WebTestClient.ResponseSpec post(String path, String json) {
		return this.client.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
	}

	private static WebTestClient.BodyContentSpec problem(WebTestClient.ResponseSpec response, int status,
			String path) {
		return response.expectStatus().isEqualTo(status)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type").isNotEmpty()
			.jsonPath("$.title").isNotEmpty()
			.jsonPath("$.status").isEqualTo(status)
			.jsonPath("$.detail").isNotEmpty()
			.jsonPath("$.instance").isEqualTo(path)
			.jsonPath("$.traceId").isNotEmpty();
	}

}
