package io.chorus.platform.web;

import io.chorus.platform.observability.TraceIds;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemWebExceptionHandlerTests {

	private final JsonMapper json = new JsonMapper();

	private final ProblemWebExceptionHandler handler = new ProblemWebExceptionHandler(this.json, new TraceIds(null));

	@Test
	void writesTheProblemBodyWithTraceIdFromTraceparent() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/posts/7")
			.header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
		StepVerifier.create(this.handler.handle(exchange,
				ProblemException.of(HttpStatus.CONFLICT).detail("Already liked.").error("postId", "liked").build()))
			.verifyComplete();
		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		JsonNode body = this.json.readTree(exchange.getResponse().getBodyAsString().block());
		assertThat(body.get("type").asString()).isEqualTo("about:blank");
		assertThat(body.get("title").asString()).isEqualTo("Conflict");
		assertThat(body.get("status").asInt()).isEqualTo(409);
		assertThat(body.get("detail").asString()).isEqualTo("Already liked.");
		assertThat(body.get("instance").asString()).isEqualTo("/posts/7");
		assertThat(body.get("traceId").asString()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(body.get("errors").get(0).get("field").asString()).isEqualTo("postId");
	}

	@Test
	void errorsAreOmittedWhenThereAreNone() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/x"));
		this.handler.handle(exchange, new IllegalStateException("boom")).block();
		JsonNode body = this.json.readTree(exchange.getResponse().getBodyAsString().block());
		assertThat(body.has("errors")).isFalse();
		assertThat(body.get("status").asInt()).isEqualTo(500);
		assertThat(body.get("traceId").asString()).matches("[0-9a-f]{32}");
		assertThat(body.toString()).doesNotContain("boom", "IllegalState");
	}

	@Test
	void committedResponsesAreLeftToTheServer() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/x"));
		exchange.getResponse().setComplete().block();
		IllegalStateException failure = new IllegalStateException("late");
		StepVerifier.create(this.handler.handle(exchange, failure)).expectErrorMatches((ex) -> ex == failure).verify();
	}

}
