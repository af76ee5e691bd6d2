package io.chorus.member.domain;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AccessTokensTests {

	@Test
	void es256WithKidAndTheContractClaims() throws Exception {
		Instant now = Instant.parse("2026-11-22T10:00:00Z");
		SigningKey key = SigningKey.generate(7, now, new SecureRandom());
		AccessTokens tokens = new AccessTokens("chorus-member", Duration.ofMinutes(15), Clock.fixed(now, ZoneOffset.UTC));

		AccessTokens.Issued issued = tokens.issue(key, "member-1", "ann", List.of("member"));
		AccessTokens.Issued again = tokens.issue(key, "member-1", "ann", List.of("member"));

		SignedJWT jwt = SignedJWT.parse(issued.token());
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
		assertThat(jwt.getHeader().getKeyID()).isEqualTo(key.kid());
		assertThat(jwt.verify(new ECDSAVerifier(key.publicJwk()))).isTrue();
		JWTClaimsSet claims = jwt.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo("chorus-member");
		assertThat(claims.getSubject()).isEqualTo("member-1");
		assertThat(claims.getStringListClaim("roles")).containsExactly("member");
		assertThat(claims.getStringClaim("handle")).isEqualTo("ann");
		assertThat(claims.getIssueTime().toInstant()).isEqualTo(now);
		assertThat(claims.getExpirationTime().toInstant()).isEqualTo(now.plus(Duration.ofMinutes(15)));
		assertThat(claims.getJWTID()).isEqualTo(issued.jti()).isNotEqualTo(again.jti());
	}

	@Test
	void publicJwkHasNoPrivatePart() {
		SigningKey key = SigningKey.generate(1, Instant.EPOCH, new SecureRandom());
		assertThat(key.publicJwk().isPrivate()).isFalse();
		assertThat(key.publicJwk().toJSONObject()).doesNotContainKey("d").containsEntry("kid", key.kid());
	}

}
