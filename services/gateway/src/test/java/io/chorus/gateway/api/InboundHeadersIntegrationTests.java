package io.chorus.gateway.api;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.chorus.gateway.Downstream;
import io.chorus.gateway.Echo;
import io.chorus.gateway.GatewayTestSupport;
import io.chorus.gateway.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Nothing a client sends can pose as identity or origin downstream. */
@TestPropertySource(properties = "chorus.gateway.trusted-proxies=127.0.0.9/32")
class InboundHeadersIntegrationTests extends GatewayTestSupport {

	static final Downstream downstream = new Downstream();

	static final String FORGED_PASSPORT = TestTokens.sign(TestTokens.ecKey("evil"), TestTokens.claims("m-admin").build());

	@DynamicPropertySource
	static void downstream(DynamicPropertyRegistry registry) {
		downstream.register(registry);
	}

	@AfterAll
	static void stop() {
		downstream.close();
	}

	@Test
	void forgedIdentityHeadersAreStrippedOnAPublicRoute() {
		Echo echo = forged(client().get().uri("/api/search?q=x")).exchange()
			.expectStatus()
			.isOk()
			.expectBody(Echo.class)
			.returnResult()
			.getResponseBody();
		assertThat(echo).isNotNull();
		assertNoForgedHeaders(echo);
		assertThat(echo.hasHeader("X-Passport")).as("anonymous: no passport at all").isFalse();
	}

	@Test
	void forgedIdentityHeadersAreStrippedOnAProtectedRouteAndThePassportIsTheGateways() throws Exception {
		Echo echo = forged(client().get().uri("/api/timeline/home"))
			.header("Authorization", "Bearer " + downstream.token("m-real"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Echo.class)
			.returnResult()
			.getResponseBody();
		assertThat(echo).isNotNull();
		assertNoForgedHeaders(echo);
		SignedJWT passport = SignedJWT.parse(echo.header("X-Passport"));
		assertThat(passport.verify(new ECDSAVerifier(gatewayKey(passport.getHeader().getKeyID())))).isTrue();
		assertThat(passport.getJWTClaimsSet().getSubject()).isEqualTo("m-real");
		assertThat(echo.headers().get("x-passport")).hasSize(1);
	}

	@Test
	void untrustedClientsCannotChooseTheirForwardedFor() {
		Echo echo = client("127.0.0.3").get()
			.uri("/api/search")
			.header("X-Forwarded-For", "203.0.113.66")
			.header("Forwarded", "for=203.0.113.66")
			.exchange()
			.expectBody(Echo.class)
			.returnResult()
			.getResponseBody();
		assertThat(echo).isNotNull();
		assertThat(echo.headers().get("x-forwarded-for")).containsExactly("127.0.0.3");
		assertThat(echo.hasHeader("Forwarded")).isFalse();
	}

	@Test
	void aTrustedProxyPassesOnTheClientItSaw() {
		Echo echo = client("127.0.0.9").get()
			.uri("/api/search")
			.header("X-Forwarded-For", "6.6.6.6, 203.0.113.7")
			.exchange()
			.expectBody(Echo.class)
			.returnResult()
			.getResponseBody();
		assertThat(echo).isNotNull();
		assertThat(echo.headers().get("x-forwarded-for")).containsExactly("203.0.113.7, 127.0.0.9");
	}

	private static WebTestClient.RequestHeadersSpec<?> forged(WebTestClient.RequestHeadersSpec<?> request) {
		return request.header("X-Passport", FORGED_PASSPORT)
			.header("X-Member-Id", "m-admin")
			.header("X-User-Id", "m-admin")
			.header("x-device-id", "d-1")
			.header("X-Internal-Foo", "bar")
			.header("X-INTERNAL-ROLE", "ADMIN");
	}

	private static void assertNoForgedHeaders(Echo echo) {
		assertThat(echo.headers().keySet()).noneMatch((name) -> name.startsWith("x-internal-"))
			.doesNotContain("x-member-id", "x-user-id", "x-device-id");
		assertThat(echo.header("X-Passport")).isNotEqualTo(FORGED_PASSPORT);
	}

	private ECKey gatewayKey(String kid) throws Exception {
		String jwks = management().get()
			.uri("/internal/passport/jwks.json")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		return (ECKey) JWKSet.parse(jwks).getKeyByKeyId(kid);
	}

}
