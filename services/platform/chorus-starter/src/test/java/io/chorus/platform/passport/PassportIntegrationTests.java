package io.chorus.platform.passport;

import java.util.List;
import java.util.stream.Stream;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.chorus.platform.testapp.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** The passport filter in a running service: what handlers see, and every way to be rejected. */
class PassportIntegrationTests extends IntegrationTestSupport {

	@Test
	void validPassportIsVisibleToFunctionalHandlersThroughTheReactorContext() {
		this.client.get()
			.uri("/fn/me")
			.header(Passports.HEADER, passports.valid("m-42", "ada", "USER", "ARTIST"))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.memberId").isEqualTo("m-42")
			.jsonPath("$.handle").isEqualTo("ada")
			.jsonPath("$.roles").isEqualTo(List.of("USER", "ARTIST"))
			.jsonPath("$.jti").isNotEmpty()
			.jsonPath("$.expiresAt").isNotEmpty();
	}

	@Test
	void validPassportIsVisibleToAnnotatedControllers() {
		this.client.get()
			.uri("/mvc/me")
			.header(Passports.HEADER, passports.valid("m-7", "bob", "USER"))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.memberId").isEqualTo("m-7");
	}

	@Test
	void validPassportIsAlsoAnExchangeAttribute() {
		this.client.get()
			.uri("/fn/whoami")
			.header(Passports.HEADER, passports.valid("m-9", "cy", "USER"))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.memberId").isEqualTo("m-9")
			.jsonPath("$.attribute").isEqualTo("m-9");
	}

	@Test
	void absentPassportProceedsAnonymously() {
		this.client.get().uri("/fn/whoami").exchange().expectStatus().isOk().expectBody().jsonPath("$.anonymous").isEqualTo(true);
	}

	@Test
	void requireMemberWithoutPassportIsA401Problem() {
		this.client.get()
			.uri("/fn/me")
			.exchange()
			.expectStatus().isUnauthorized()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
			.expectBody()
			.jsonPath("$.status").isEqualTo(401)
			.jsonPath("$.instance").isEqualTo("/fn/me");
	}

	@Test
	void requireRoleWithoutTheRoleIsA403Problem() {
		this.client.get()
			.uri("/fn/admin")
			.header(Passports.HEADER, passports.valid("m-1", "ada", "USER"))
			.exchange()
			.expectStatus().isForbidden()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status").isEqualTo(403)
			.jsonPath("$.detail").isEqualTo("This resource needs the role ADMIN.");
	}

	@Test
	void requireRoleWithTheRoleSucceeds() {
		this.client.get()
			.uri("/fn/admin")
			.header(Passports.HEADER, passports.valid("m-1", "ada", "USER", "ADMIN"))
			.exchange()
			.expectStatus().isOk();
	}

	@Test
	void requireRoleWhenAnonymousIsA401() {
		this.client.get().uri("/fn/admin").exchange().expectStatus().isUnauthorized();
	}

	static Stream<Arguments> invalidPassports() {
		return Stream.of(Arguments.of("expired", passports.expired("m-1", "ada", "USER")),
				Arguments.of("signed by another key", passports.signedByAnotherKey("m-1", "ada", "USER")),
				Arguments.of("wrong audience", passports.wrongAudience("m-1", "ada", "USER")),
				Arguments.of("wrong issuer", passports.wrongIssuer("m-1", "ada", "USER")),
				Arguments.of("missing sub", passports.missingClaim("sub")),
				Arguments.of("missing roles", passports.missingClaim("roles")),
				Arguments.of("missing handle", passports.missingClaim("handle")),
				Arguments.of("missing jti", passports.missingClaim("jti")),
				Arguments.of("missing exp", passports.missingClaim("exp")),
				Arguments.of("missing iat", passports.missingClaim("iat")),
				Arguments.of("roles as a number", passports.illTypedRoles()),
				Arguments.of("roles holding a number", passports.illTypedClaim("roles", List.of("USER", 7))),
				Arguments.of("sub as a number", passports.illTypedClaim("sub", 42)),
				Arguments.of("exp as a string", passports.illTypedClaim("exp", "tomorrow")),
				Arguments.of("aud as a number", passports.illTypedClaim("aud", 1)),
				Arguments.of("lifetime over 60 s", passports.tooLongLifetime("m-1", "ada", "USER")),
				Arguments.of("unknown kid", passports.builder("m-1", "ada", "USER").keyId("nope").sign()),
				Arguments.of("HS256 instead of ES256", hmacSigned()), Arguments.of("garbage", "not-a-passport"),
				Arguments.of("three garbage parts", "a.b.c"), Arguments.of("empty", ""));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidPassports")
	void invalidPassportIsRejectedWith401ProblemOnEveryRoute(String name, String passport) {
		for (String path : List.of("/fn/me", "/fn/whoami", "/mvc/me")) {
			this.client.get()
				.uri(path)
				.header(Passports.HEADER, passport)
				.exchange()
				.expectStatus().isUnauthorized()
				.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
				.expectBody()
				.jsonPath("$.status").isEqualTo(401)
				.jsonPath("$.type").isEqualTo("urn:chorus:problem:invalid-passport")
				.jsonPath("$.instance").isEqualTo(path)
				.jsonPath("$.traceId").isNotEmpty();
		}
	}

	@Test
	void twoPassportHeadersAreRejected() {
		this.client.get()
			.uri("/fn/whoami")
			.header(Passports.HEADER, passports.valid("m-1", "ada", "USER"), passports.valid("m-2", "eve", "ADMIN"))
			.exchange()
			.expectStatus().isUnauthorized();
	}

	@Test
	void managementEndpointsIgnorePassports() {
		byte[] body = clientFor(this.managementPort).get()
			.uri("/actuator/health/liveness")
			.header(Passports.HEADER, "garbage")
			.exchange()
			.expectStatus().isOk()
			.expectBody().returnResult().getResponseBody();
		assertThat(new String(body)).contains("UP");
	}

	/** Algorithm confusion: an HMAC "signature" keyed with something public must not pass. */
	private static String hmacSigned() {
		try {
			JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("chorus-gateway").audience("chorus-internal")
				.subject("m-1").claim("handle", "ada").claim("roles", List.of("ADMIN")).jwtID("j")
				.issueTime(new java.util.Date()).expirationTime(new java.util.Date(System.currentTimeMillis() + 30_000))
				.build();
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(passports.kid()).build(), claims);
			jwt.sign(new MACSigner(passports.publicJwks().getBytes()));
			return jwt.serialize();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
