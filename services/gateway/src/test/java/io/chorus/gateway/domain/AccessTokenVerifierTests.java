package io.chorus.gateway.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import io.chorus.gateway.TestTokens;
import io.chorus.gateway.domain.TokenRejectedException.Reason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AccessTokenVerifierTests {

	private static final ECKey CURRENT = TestTokens.ecKey("current");

	private static final RSAKey RETIRED = TestTokens.rsaKey("retired");

	private static final ECKey STRANGER = TestTokens.ecKey("stranger");

	private final Map<String, SigningKey> keys = new JwkSetParser(TokenPolicy.ASYMMETRIC)
		.parse(TestTokens.jwks(CURRENT.toPublicJWK(), RETIRED.toPublicJWK()));

	private final AccessTokenVerifier verifier = new AccessTokenVerifier(new KeysInMap(this.keys),
			Clock.systemUTC(), new TokenPolicy("chorus-member", TokenPolicy.ASYMMETRIC, Duration.ofSeconds(30),
					Duration.ofMinutes(15)));

	@Test
	void validTokenYieldsItsClaims() {
		JWTClaimsSet claims = TestTokens.claims("m-1").build();
		AccessToken token = this.verifier.verify(TestTokens.sign(CURRENT, claims)).block();
		assertThat(token).isNotNull();
		assertThat(token.memberId()).isEqualTo("m-1");
		assertThat(token.handle()).isEqualTo("handle-m-1");
		assertThat(token.roles()).containsExactly("MEMBER");
		assertThat(token.jti()).isEqualTo(claims.getJWTID());
		assertThat(token.retiredKey()).isFalse();
	}

	@Test
	void retiredButKnownKeyIsAcceptedAndFlagged() {
		AccessToken token = this.verifier.verify(TestTokens.sign(RETIRED, TestTokens.claims("m-1").build())).block();
		assertThat(token).isNotNull();
		assertThat(token.retiredKey()).isTrue();
	}

	@Test
	void expiredTokenWithValidSignatureIsExpiredNotInvalid() {
		Instant issued = Instant.now().minus(Duration.ofMinutes(20));
		String compact = TestTokens.sign(CURRENT, TestTokens.claims("m-1", issued, issued.plus(Duration.ofMinutes(15))).build());
		assertThat(reason(compact)).isEqualTo(Reason.EXPIRED);
	}

	@Test
	void expiredTokenWithBadSignatureIsInvalid() {
		Instant issued = Instant.now().minus(Duration.ofMinutes(20));
		String compact = TestTokens.sign(STRANGER, "current",
				TestTokens.claims("m-1", issued, issued.plus(Duration.ofMinutes(15))).build());
		assertThat(reason(compact)).isEqualTo(Reason.INVALID);
	}

	@Test
	void withinClockSkewIsStillValid() {
		Instant issued = Instant.now().minus(Duration.ofMinutes(15)).minusSeconds(10);
		String compact = TestTokens.sign(CURRENT, TestTokens.claims("m-1", issued, issued.plus(Duration.ofMinutes(15))).build());
		assertThat(this.verifier.verify(compact).block()).isNotNull();
	}

	@Test
	void badSignatureUnknownKidAndGarbageAreInvalid() {
		assertThat(reason(TestTokens.sign(STRANGER, "current", TestTokens.claims("m-1").build()))).isEqualTo(Reason.INVALID);
		assertThat(reason(TestTokens.sign(STRANGER, TestTokens.claims("m-1").build()))).isEqualTo(Reason.INVALID);
		assertThat(reason("not-a-jwt")).isEqualTo(Reason.INVALID);
		assertThat(reason("a.b.c")).isEqualTo(Reason.INVALID);
		assertThat(reason("")).isEqualTo(Reason.INVALID);
	}

	@Test
	void algorithmConfusionIsRefused() {
		// An ES256 key named by an RS256 header, and unsigned / HMAC tokens.
		String rsaNamingEcKid = TestTokens.sign(RETIRED, "current", TestTokens.claims("m-1").build());
		assertThat(reason(rsaNamingEcKid)).isEqualTo(Reason.INVALID);
		String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"kid\":\"current\"}".getBytes())
				+ "." + Base64.getUrlEncoder().withoutPadding().encodeToString("{\"sub\":\"m-1\"}".getBytes()) + ".";
		assertThat(reason(none)).isEqualTo(Reason.INVALID);
		String hs = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"HS256\",\"kid\":\"current\"}".getBytes())
				+ "." + Base64.getUrlEncoder().withoutPadding().encodeToString("{\"sub\":\"m-1\"}".getBytes()) + ".c2ln";
		assertThat(reason(hs)).isEqualTo(Reason.INVALID);
	}

	@Test
	void missingOrIllTypedClaimsAreInvalidNeverAnException() {
		List<JWTClaimsSet> broken = List.of(TestTokens.claims("m-1").subject(null).build(),
				TestTokens.claims("m-1").claim("roles", null).build(),
				TestTokens.claims("m-1").claim("roles", "MEMBER").build(),
				TestTokens.claims("m-1").claim("roles", List.of(1, 2)).build(),
				TestTokens.claims("m-1").claim("handle", 42).build(),
				TestTokens.claims("m-1").jwtID(null).build(),
				TestTokens.claims("m-1").issueTime(null).build(),
				TestTokens.claims("m-1").expirationTime(null).build(),
				TestTokens.claims("m-1").claim("exp", "tomorrow").build(),
				TestTokens.claims("m-1").claim("sub", List.of("m-1")).build(),
				TestTokens.claims("m-1").issuer("someone-else").build(),
				TestTokens.claims("m-1").issuer(null).build());
		for (JWTClaimsSet claims : broken) {
			assertThat(reason(TestTokens.sign(CURRENT, claims))).as(claims.toString()).isEqualTo(Reason.INVALID);
		}
	}

	@Test
	void futureOrOverlongTokensAreInvalid() {
		Instant future = Instant.now().plus(Duration.ofMinutes(5));
		assertThat(reason(TestTokens.sign(CURRENT, TestTokens.claims("m-1", future, future.plus(Duration.ofMinutes(10))).build())))
			.isEqualTo(Reason.INVALID);
		Instant now = Instant.now();
		assertThat(reason(TestTokens.sign(CURRENT, TestTokens.claims("m-1", now, now.plus(Duration.ofDays(30))).build())))
			.isEqualTo(Reason.INVALID);
		assertThat(reason(TestTokens.sign(CURRENT,
				TestTokens.claims("m-1").notBeforeTime(Date.from(now.plus(Duration.ofMinutes(5)))).build())))
			.isEqualTo(Reason.INVALID);
	}

	@Test
	void allowListCanNarrowToOneAlgorithm() {
		AccessTokenVerifier esOnly = new AccessTokenVerifier(new KeysInMap(this.keys),
				Clock.systemUTC(), new TokenPolicy("chorus-member", Set.of(JWSAlgorithm.ES256), Duration.ofSeconds(30),
						Duration.ofMinutes(15)));
		TokenRejectedException rejected = catchThrowableOfType(TokenRejectedException.class,
				() -> esOnly.verify(TestTokens.sign(RETIRED, TestTokens.claims("m-1").build())).block());
		assertThat(rejected.reason()).isEqualTo(Reason.INVALID);
	}

	private Reason reason(String compact) {
		TokenRejectedException rejected = catchThrowableOfType(TokenRejectedException.class,
				() -> this.verifier.verify(compact).block());
		assertThat(rejected).as("rejection of " + compact).isNotNull();
		return rejected.reason();
	}

}
