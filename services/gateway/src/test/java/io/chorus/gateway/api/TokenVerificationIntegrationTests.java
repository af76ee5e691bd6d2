package io.chorus.gateway.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.chorus.gateway.Downstream;
import io.chorus.gateway.Echo;
import io.chorus.gateway.GatewayTestSupport;
import io.chorus.gateway.TestTokens;
import io.chorus.testkit.time.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Access tokens in, passports out; every refusal a 401 problem with the right hint. */
class TokenVerificationIntegrationTests extends GatewayTestSupport {

	static final Downstream downstream = new Downstream();

	@DynamicPropertySource
	static void downstream(DynamicPropertyRegistry registry) {
		downstream.register(registry);
	}

	@AfterAll
	static void stop() {
		downstream.close();
	}

	@Autowired
	MutableClock clock;

	@AfterEach
	void unfreeze() {
		this.clock.unfreeze();
	}

	@Test
	void aValidTokenBecomesAPassportThatVerifiesAgainstTheGatewayJwks() throws Exception {
		JWTClaimsSet claims = TestTokens.claims("m-42").claim("roles", List.of("MEMBER", "ARTIST")).claim("handle", "ada").build();
		WebTestClient.ResponseSpec response = client().get().uri("/api/timeline/home")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + downstream.token(claims))
			.exchange()
			.expectStatus().isOk()
			.expectHeader().doesNotExist("X-Token-Refresh-Needed");
		Echo echo = response.expectBody(Echo.class).returnResult().getResponseBody();
		assertThat(echo).isNotNull();
		assertThat(echo.hasHeader(HttpHeaders.AUTHORIZATION)).as("the raw token stays at the edge").isFalse();

		SignedJWT passport = SignedJWT.parse(echo.header("X-Passport"));
		JWKSet gatewayKeys = JWKSet.parse(management().get().uri("/internal/passport/jwks.json").exchange()
			.expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody());
		assertThat(gatewayKeys.getKeys()).noneMatch(JWK::isPrivate);
		ECKey key = (ECKey) gatewayKeys.getKeyByKeyId(passport.getHeader().getKeyID());
		assertThat(passport.verify(new ECDSAVerifier(key))).isTrue();
		JWTClaimsSet minted = passport.getJWTClaimsSet();
		assertThat(minted.getClaims().keySet()).isEqualTo(Set.of("iss", "aud", "sub", "roles", "handle", "iat", "exp", "jti"));
		assertThat(minted.getIssuer()).isEqualTo("chorus-gateway");
		assertThat(minted.getAudience()).containsExactly("chorus-internal");
		assertThat(minted.getSubject()).isEqualTo("m-42");
		assertThat(minted.getStringListClaim("roles")).containsExactly("MEMBER", "ARTIST");
		assertThat(minted.getStringClaim("handle")).isEqualTo("ada");
		assertThat(Duration.between(minted.getIssueTime().toInstant(), minted.getExpirationTime().toInstant()))
			.isEqualTo(Duration.ofSeconds(30));
		assertThat(minted.getJWTID()).isNotEqualTo(claims.getJWTID());
	}

	@Test
	void noTokenProceedsAnonymously() {
		Echo echo = client().get().uri("/api/search?q=jazz").exchange()
			.expectStatus().isOk()
			.expectBody(Echo.class).returnResult().getResponseBody();
		assertThat(echo).isNotNull();
		assertThat(echo.hasHeader("X-Passport")).isFalse();
	}

	@Test
	void anExpiredTokenIs401WithTheRefreshHint() {
		Instant issued = Instant.now().minus(Duration.ofMinutes(20));
		String expired = downstream.token(TestTokens.claims("m-1", issued, issued.plus(Duration.ofMinutes(15))).build());
		int before = downstream.hits("timeline");
		client().get().uri("/api/timeline/home").header(HttpHeaders.AUTHORIZATION, "Bearer " + expired)
			.exchange()
			.expectStatus().isUnauthorized()
			.expectHeader().valueEquals("X-Token-Refresh-Needed", "true")
			.expectHeader().valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\".*")
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.type").isEqualTo("urn:chorus:problem:token-expired");
		assertThat(downstream.hits("timeline")).isEqualTo(before);
	}

	@Test
	void everyInvalidTokenIs401InvalidTokenNeverA500AndNoRefreshHint() {
		Instant past = Instant.now().minus(Duration.ofMinutes(20));
		List<String> invalid = List.of("Bearer " + TestTokens.sign(TestTokens.ecKey("member-1"), TestTokens.claims("m-1").build()),
				"Bearer " + TestTokens.sign(TestTokens.ecKey("x"), downstream.currentKey().getKeyID(),
						TestTokens.claims("m-1", past, past.plus(Duration.ofMinutes(15))).build()),
				"Bearer not.a.jwt", "Bearer eyJhbGciOiJFUzI1NiJ9", "Bearer ", "Basic dXNlcjpwYXNz", "bearer",
				"Bearer " + downstream.token(TestTokens.claims("m-1").subject(null).build()),
				"Bearer " + downstream.token(TestTokens.claims("m-1").claim("roles", "ADMIN").build()),
				"Bearer " + downstream.token(TestTokens.claims("m-1").claim("handle", List.of(1)).build()),
				"Bearer " + downstream.token(TestTokens.claims("m-1").claim("exp", "soon").build()),
				"Bearer " + downstream.token(TestTokens.claims("m-1").jwtID(null).build()),
				"Bearer " + downstream.token(TestTokens.claims("m-1").issuer("evil").build()));
		for (String authorization : invalid) {
			for (String path : List.of("/api/timeline/home", "/api/search?q=public")) {
				client().get().uri(path).header(HttpHeaders.AUTHORIZATION, authorization)
					.exchange()
					.expectStatus().isUnauthorized()
					.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
					.expectHeader().doesNotExist("X-Token-Refresh-Needed")
					.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
					.expectBody().jsonPath("$.type").isEqualTo("urn:chorus:problem:invalid-token");
			}
		}
		client().get().uri("/api/search").header(HttpHeaders.AUTHORIZATION, "Bearer " + downstream.token("m-1"))
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + downstream.token("m-2"))
			.exchange()
			.expectStatus().isUnauthorized();
	}

	@Test
	void anUnknownKidTriggersOneRefetchThenTheRotatedKeyIsAcceptedAndTheOldOneIsRetired() {
		JWK previous = downstream.currentKey();
		String oldToken = downstream.token("m-5");
		client().get().uri("/api/search").header(HttpHeaders.AUTHORIZATION, "Bearer " + oldToken).exchange()
			.expectStatus().isOk();
		this.clock.advance(Duration.ofSeconds(6));
		ECKey rotated = TestTokens.ecKey("member-" + System.nanoTime());
		downstream.publish(rotated, previous);
		int fetches = downstream.jwksFetches.get();

		client().get().uri("/api/search").header(HttpHeaders.AUTHORIZATION, "Bearer " + downstream.token("m-5")).exchange()
			.expectStatus().isOk()
			.expectHeader().doesNotExist("X-Token-Refresh-Needed");
		client().get().uri("/api/search").header(HttpHeaders.AUTHORIZATION, "Bearer " + downstream.token("m-6")).exchange()
			.expectStatus().isOk();
		assertThat(downstream.jwksFetches.get()).isEqualTo(fetches + 1);

		client().get().uri("/api/search").header(HttpHeaders.AUTHORIZATION, "Bearer " + oldToken).exchange()
			.expectStatus().isOk()
			.expectHeader().valueEquals("X-Token-Refresh-Needed", "true");
		assertThat(downstream.jwksFetches.get()).isEqualTo(fetches + 1);
	}

	@Test
	void aStormOfUnknownKidsCausesAtMostOneJwksFetch() {
		client().get().uri("/api/search").header(HttpHeaders.AUTHORIZATION, "Bearer " + downstream.token("m-7")).exchange()
			.expectStatus().isOk();
		this.clock.advance(Duration.ofSeconds(6));
		this.clock.freeze();
		int fetches = downstream.jwksFetches.get();
		WebClient web = WebClient.create("http://127.0.0.1:" + this.port);

		// Keys made up front: key generation reads /dev/urandom, which BlockHound rightly refuses on an event loop.
		List<String> madeUp = IntStream.range(0, 60)
			.mapToObj((i) -> TestTokens.sign(TestTokens.ecKey("made-up-" + i), TestTokens.claims("m-7").build()))
			.toList();

		List<HttpStatusCode> statuses = Flux.fromIterable(madeUp)
			.flatMap((token) -> web.get().uri("/api/search").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
				.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode())), 20)
			.collectList()
			.block(Duration.ofSeconds(30));

		assertThat(statuses).hasSize(60).allMatch((status) -> status.value() == 401);
		assertThat(downstream.jwksFetches.get() - fetches).as("one fetch for the first miss, the rest throttled").isEqualTo(1);
	}

	@Test
	void credentialExchangePathsIgnoreAStaleToken() {
		Instant issued = Instant.now().minus(Duration.ofMinutes(20));
		String expired = downstream.token(TestTokens.claims("m-1", issued, issued.plus(Duration.ofMinutes(15))).build());
		Echo echo = client().post().uri("/api/auth/refresh").header(HttpHeaders.AUTHORIZATION, "Bearer " + expired)
			.exchange()
			.expectStatus().isOk()
			.expectBody(Echo.class).returnResult().getResponseBody();
		assertThat(echo).isNotNull();
		assertThat(echo.service()).isEqualTo("member");
		assertThat(echo.hasHeader(HttpHeaders.AUTHORIZATION)).isFalse();
		assertThat(echo.hasHeader("X-Passport")).isFalse();
	}

}
