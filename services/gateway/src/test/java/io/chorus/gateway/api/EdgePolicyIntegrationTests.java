package io.chorus.gateway.api;

import java.util.Arrays;

import io.chorus.gateway.Downstream;
import io.chorus.gateway.Echo;
import io.chorus.gateway.GatewayTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;

/** CORS allow-list, X-Trace-Id on every answer, body size limits. */
class EdgePolicyIntegrationTests extends GatewayTestSupport {

	static final String ALLOWED = "https://app.chorus.test";

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
	void allowedOriginGetsCredentialedCorsWithTheHintHeadersExposed() {
		int before = downstream.hits("content");
		client().options()
			.uri("/api/posts")
			.header(HttpHeaders.ORIGIN, ALLOWED)
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization, content-type")
			.exchange()
			.expectStatus().isOk()
			.expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED)
			.expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true")
			.expectHeader().exists("X-Trace-Id");
		assertThat(downstream.hits("content")).as("a preflight is never routed").isEqualTo(before);

		EntityExchangeResult<Echo> result = client().get()
			.uri("/api/search?q=x")
			.header(HttpHeaders.ORIGIN, ALLOWED)
			.exchange()
			.expectStatus().isOk()
			.expectBody(Echo.class)
			.returnResult();
		HttpHeaders headers = result.getResponseHeaders();
		assertThat(headers.get(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)).as("the service's own '*' is dropped")
			.containsExactly(ALLOWED);
		assertThat(String.join(",", headers.getOrEmpty(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS)))
			.contains("X-Token-Refresh-Needed", "X-Relogin-Required", "X-Trace-Id", "Retry-After");
	}

	@Test
	void gatewayErrorsAreReadableByAnAllowedOrigin() {
		client().get()
			.uri("/api/timeline/home")
			.header(HttpHeaders.ORIGIN, ALLOWED)
			.header(HttpHeaders.AUTHORIZATION, "Bearer nonsense")
			.exchange()
			.expectStatus().isUnauthorized()
			.expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED)
			.expectHeader().exists("X-Trace-Id");
	}

	@Test
	void refusedOriginGetsA403ProblemAndNoCorsHeaders() {
		int before = downstream.hits("search");
		client().get()
			.uri("/api/search?q=x")
			.header(HttpHeaders.ORIGIN, "https://evil.example")
			.exchange()
			.expectStatus().isForbidden()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
			.expectHeader().exists("X-Trace-Id")
			.expectBody().jsonPath("$.type").isEqualTo("urn:chorus:problem:origin-not-allowed");
		client().options()
			.uri("/api/posts")
			.header(HttpHeaders.ORIGIN, "https://evil.example")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.exchange()
			.expectStatus().isForbidden()
			.expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
		assertThat(downstream.hits("search")).isEqualTo(before);
	}

	@Test
	void everyAnswerCarriesATraceId() {
		String ok = client().get().uri("/api/search").exchange().expectStatus().isOk()
			.returnResult(String.class).getResponseHeaders().getFirst("X-Trace-Id");
		assertThat(ok).matches("[0-9a-f]{32}");
		String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
		Echo echo = client().get().uri("/api/search").header("traceparent", traceparent).exchange()
			.expectHeader().valueEquals("X-Trace-Id", "4bf92f3577b34da6a3ce929d0e0e4736")
			.expectBody(Echo.class).returnResult().getResponseBody();
		assertThat(echo).isNotNull();
		assertThat(echo.header("traceparent")).as("the trace continues downstream")
			.startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-").doesNotContain("00f067aa0ba902b7");
		client().get().uri("/api/charts/daily").exchange().expectStatus().isEqualTo(503).expectHeader().exists("X-Trace-Id");
		// Unrouted (every non-API GET now goes to the web client).
		client().get().uri("/api/nowhere").exchange().expectStatus().isNotFound().expectHeader().exists("X-Trace-Id");
		EntityExchangeResult<byte[]> unauthorized = client().get().uri("/api/search")
			.header(HttpHeaders.AUTHORIZATION, "Bearer x.y.z").exchange()
			.expectStatus().isUnauthorized()
			.expectBody().returnResult();
		String traceId = unauthorized.getResponseHeaders().getFirst("X-Trace-Id");
		assertThat(traceId).isNotBlank();
		assertThat(new String(unauthorized.getResponseBodyContent())).contains("\"traceId\":\"" + traceId + "\"");
	}

	@Test
	void declaredBodiesOverTheLimitAre413BeforeReachingTheService() {
		int before = downstream.hits("content");
		client().post().uri("/api/posts").contentType(MediaType.APPLICATION_JSON).bodyValue(bytes(1_100_000))
			.exchange()
			.expectStatus().isEqualTo(413)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader().exists("X-Trace-Id")
			.expectBody().jsonPath("$.type").isEqualTo("urn:chorus:problem:payload-too-large");
		assertThat(downstream.hits("content")).isEqualTo(before);
	}

	@Test
	void chunkedBodiesOverTheLimitAreCutOffWith413() {
		Flux<DataBuffer> chunks = Flux.range(0, 20).map((i) -> DefaultDataBufferFactory.sharedInstance.wrap(bytes(100_000)));
		client().post().uri("/api/posts").contentType(MediaType.APPLICATION_OCTET_STREAM)
			.body(chunks, DataBuffer.class)
			.exchange()
			.expectStatus().isEqualTo(413);
	}

	@Test
	void trackUploadsHaveALargerLimit() {
		Echo echo = client().post().uri("/api/tracks").contentType(MediaType.APPLICATION_OCTET_STREAM)
			.bodyValue(bytes(3_000_000))
			.exchange()
			.expectStatus().isOk()
			.expectBody(Echo.class).returnResult().getResponseBody();
		assertThat(echo).isNotNull();
		assertThat(echo.service()).isEqualTo("music");
		assertThat(echo.bodyLength()).isEqualTo(3_000_000);
		client().post().uri("/api/playlists").contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(bytes(3_000_000))
			.exchange()
			.expectStatus().isEqualTo(413);
	}

	@Test
	void imageUploadsReachMusicWithTheirOwnLimit() {
		Echo echo = client().post().uri("/api/images").contentType(MediaType.APPLICATION_OCTET_STREAM)
			.bodyValue(bytes(3_000_000))
			.exchange()
			.expectStatus().isOk()
			.expectBody(Echo.class).returnResult().getResponseBody();
		assertThat(echo).isNotNull();
		assertThat(echo.service()).isEqualTo("music");
		assertThat(echo.bodyLength()).isEqualTo(3_000_000);
		client().post().uri("/api/images").contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(bytes(12_000_000))
			.exchange()
			.expectStatus().isEqualTo(413);
	}

	@Test
	void managementPortIsOutsideTheEdgePolicy() {
		management().get().uri("/actuator/health/liveness").exchange()
			.expectStatus().isOk()
			.expectHeader().doesNotExist("X-RateLimit-Remaining");
	}

	private static byte[] bytes(int length) {
		byte[] bytes = new byte[length];
		Arrays.fill(bytes, (byte) 'a');
		return bytes;
	}

}
