package io.chorus.testkit.passport;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestPassportsTests {

	private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	private final TestPassports passports = new TestPassports(Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void validPassportFollowsTheContract() throws Exception {
		SignedJWT jwt = SignedJWT.parse(this.passports.valid("m-1", "ada", "USER", "ADMIN"));
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
		assertThat(jwt.getHeader().getKeyID()).isEqualTo(this.passports.kid());
		assertThat(jwt.verify(new ECDSAVerifier(publicKey(this.passports.kid())))).isTrue();
		JWTClaimsSet claims = jwt.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo("chorus-gateway");
		assertThat(claims.getAudience()).containsExactly("chorus-internal");
		assertThat(claims.getSubject()).isEqualTo("m-1");
		assertThat(claims.getStringClaim("handle")).isEqualTo("ada");
		assertThat(claims.getStringListClaim("roles")).containsExactly("USER", "ADMIN");
		assertThat(claims.getJWTID()).isNotBlank();
		assertThat(claims.getIssueTime().toInstant()).isEqualTo(NOW);
		assertThat(claims.getExpirationTime().toInstant()).isEqualTo(NOW.plusSeconds(30));
	}

	@Test
	void publishedKeySetHoldsNoPrivateMaterial() throws Exception {
		JWKSet set = JWKSet.parse(this.passports.publicJwks());
		assertThat(set.getKeys()).hasSize(1).allSatisfy((key) -> assertThat(key.isPrivate()).isFalse());
		assertThat(this.passports.publicJwks()).doesNotContain("\"d\"");
	}

	@Test
	void eachBrokenVariantIsBrokenInExactlyOneWay() throws Exception {
		assertThat(claims(this.passports.expired("m", "h")).getExpirationTime().toInstant()).isBefore(NOW);
		assertThat(claims(this.passports.wrongAudience("m", "h")).getAudience()).containsExactly("chorus-public");
		assertThat(claims(this.passports.wrongIssuer("m", "h")).getIssuer()).isEqualTo("chorus-member");
		assertThat(claims(this.passports.missingClaim("roles")).getClaims()).doesNotContainKey("roles");
		assertThat(claims(this.passports.illTypedRoles()).getClaim("roles")).isEqualTo(42L);
		JWTClaimsSet longLived = claims(this.passports.tooLongLifetime("m", "h"));
		assertThat(longLived.getExpirationTime().getTime() - longLived.getIssueTime().getTime()).isEqualTo(61_000);
		SignedJWT forged = SignedJWT.parse(this.passports.signedByAnotherKey("m", "h"));
		assertThat(forged.getHeader().getKeyID()).isEqualTo(this.passports.kid());
		assertThat(forged.verify(new ECDSAVerifier(publicKey(this.passports.kid())))).isFalse();
	}

	@Test
	void rotationKeepsOldKeysPublishedBehindTheCurrentOne() throws Exception {
		String old = this.passports.kid();
		String rotated = this.passports.rotate();
		assertThat(JWKSet.parse(this.passports.publicJwks()).getKeys()).extracting((key) -> key.getKeyID())
			.containsExactly(rotated, old);
		assertThat(SignedJWT.parse(this.passports.valid("m", "h")).getHeader().getKeyID()).isEqualTo(rotated);
	}

	@Test
	void accessTokensLookLikeMembersTokens() throws Exception {
		TestAccessTokens tokens = new TestAccessTokens(Clock.fixed(NOW, ZoneOffset.UTC));
		SignedJWT jwt = SignedJWT.parse(tokens.valid("m-1", "ada", "USER"));
		JWTClaimsSet claims = jwt.getJWTClaimsSet();
		assertThat(jwt.getHeader().getKeyID()).isEqualTo(tokens.kid());
		assertThat(claims.getIssuer()).isEqualTo("chorus-member");
		assertThat(claims.getSubject()).isEqualTo("m-1");
		assertThat(claims.getStringListClaim("roles")).isEqualTo(List.of("USER"));
		assertThat(claims.getExpirationTime().toInstant()).isEqualTo(NOW.plusSeconds(900));
		String retired = tokens.kid();
		tokens.rotate();
		SignedJWT old = SignedJWT.parse(tokens.builderWithKey(retired, "m-1", "ada").sign());
		ECKey retiredKey = JWKSet.parse(tokens.publicJwks()).getKeyByKeyId(retired).toECKey();
		assertThat(old.verify(new ECDSAVerifier(retiredKey))).isTrue();
	}

	private ECKey publicKey(String kid) throws Exception {
		return JWKSet.parse(this.passports.publicJwks()).getKeyByKeyId(kid).toECKey();
	}

	private static JWTClaimsSet claims(String jwt) throws Exception {
		return SignedJWT.parse(jwt).getJWTClaimsSet();
	}

}
