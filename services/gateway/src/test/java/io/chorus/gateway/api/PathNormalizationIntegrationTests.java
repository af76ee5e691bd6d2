package io.chorus.gateway.api;

import java.net.URI;

import io.chorus.gateway.Downstream;
import io.chorus.gateway.Echo;
import io.chorus.gateway.GatewayTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every edge decision and the route see one canonical path: other spellings of the auth and
 * logout paths neither dodge the auth rate limit nor skip the revocation; ambiguous paths are
 * refused before anything else.
 */
@TestPropertySource(properties = { "chorus.gateway.rate-limit.auth.capacity=2",
		"chorus.gateway.rate-limit.auth.refill-per-second=0.05" })
class PathNormalizationIntegrationTests extends GatewayTestSupport {

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
	void otherSpellingsOfTheLoginPathDrawFromTheAuthBucketAndReachMemberCanonical() {
		WebTestClient caller = client("127.0.0.31");
		Echo echo = caller.post().uri(raw("/api/auth;x/login")).exchange().expectStatus().isOk()
			.expectBody(Echo.class).returnResult().getResponseBody();
		assertThat(echo).isNotNull();
		assertThat(echo.service()).isEqualTo("member");
		assertThat(echo.path()).isEqualTo("/api/auth/login");
		caller.post().uri(raw("/api/%61uth/login")).exchange().expectStatus().isOk();
		caller.post().uri(raw("//api//auth/login")).exchange().expectStatus().isEqualTo(429);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/auth/logout;x", "/api/auth/%6cogout", "/api//auth/logout" })
	void otherSpellingsOfLogoutStillRevokeTheToken(String logout) {
		String token = downstream.token("m-50-" + logout.length() + logout.hashCode());
		client().post().uri(raw(logout)).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
			.expectStatus().isOk();
		client().get().uri("/api/timeline/home").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
			.expectStatus().isUnauthorized()
			.expectHeader().valueEquals("X-Relogin-Required", "true");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/../api/auth/login", "/api/%2e%2e/auth/login", "/api/auth%2Flogin",
			"/api/members/%5c..%5cadmin" })
	void ambiguousPathsAreRefusedBeforeRouting(String path) {
		int before = downstream.hits("member");
		client().post().uri(raw(path)).exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader().exists("X-Trace-Id")
			.expectBody().jsonPath("$.type").isEqualTo("urn:chorus:problem:invalid-path");
		assertThat(downstream.hits("member")).isEqualTo(before);
	}

	/** The path exactly as written: WebTestClient would otherwise encode '%' and ';' again. */
	private URI raw(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	@Test
	void envoyControlHeadersFromClientsAreStripped() {
		Echo echo = client().get().uri("/api/search?q=x").header("x-envoy-retry-on", "5xx")
			.header("X-Envoy-Upstream-Rq-Timeout-Ms", "1").exchange()
			.expectStatus().isOk()
			.expectBody(Echo.class).returnResult().getResponseBody();
		assertThat(echo).isNotNull();
		assertThat(echo.header("x-envoy-retry-on")).isNull();
		assertThat(echo.header("x-envoy-upstream-rq-timeout-ms")).isNull();
	}

}
