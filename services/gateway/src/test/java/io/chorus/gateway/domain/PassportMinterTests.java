package io.chorus.gateway.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.chorus.gateway.TestTokens;
import io.chorus.testkit.time.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PassportMinterTests {

	private final AccessToken token = new AccessToken("m-7", "ada", List.of("MEMBER", "ADMIN"), "jti-1",
			Instant.now(), Instant.now().plusSeconds(900), false);

	@Test
	void mintsAnEs256PassportWithExactlyTheContractClaims() throws Exception {
		PassportKeys keys = PassportKeys.of(null, null);
		PassportMinter minter = new PassportMinter(keys, Clock.systemUTC(), Duration.ofSeconds(30));

		SignedJWT passport = SignedJWT.parse(minter.mint(this.token));

		assertThat(passport.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
		assertThat(passport.getHeader().getKeyID()).isEqualTo(keys.keyId());
		ECKey published = (ECKey) JWKSet.parse(keys.publicJwkSetJson()).getKeyByKeyId(keys.keyId());
		assertThat(published.isPrivate()).isFalse();
		assertThat(passport.verify(new ECDSAVerifier(published))).isTrue();
		JWTClaimsSet claims = passport.getJWTClaimsSet();
		assertThat(claims.getClaims().keySet()).containsExactlyInAnyOrder("iss", "aud", "sub", "roles", "handle", "iat",
				"exp", "jti");
		assertThat(claims.getIssuer()).isEqualTo("chorus-gateway");
		assertThat(claims.getAudience()).containsExactly("chorus-internal");
		assertThat(claims.getSubject()).isEqualTo("m-7");
		assertThat(claims.getStringListClaim("roles")).containsExactly("MEMBER", "ADMIN");
		assertThat(claims.getStringClaim("handle")).isEqualTo("ada");
		assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
			.isEqualTo(Duration.ofSeconds(30));
		assertThat(claims.getJWTID()).isNotBlank();
		assertThat(SignedJWT.parse(minter.mint(this.token)).getJWTClaimsSet().getJWTID()).isNotEqualTo(claims.getJWTID());
	}

	@Test
	void usesAConfiguredKeyAndPublishesOnlyPublicParts() throws Exception {
		ECKey configured = TestTokens.ecKey("gw-1");
		ECKey previous = TestTokens.ecKey("gw-0");
		PassportKeys keys = PassportKeys.of(configured.toJSONString(), TestTokens.jwks(previous.toPublicJWK()));

		assertThat(keys.generated()).isFalse();
		assertThat(keys.keyId()).isEqualTo("gw-1");
		JWKSet published = JWKSet.parse(keys.publicJwkSetJson());
		assertThat(published.getKeys()).extracting((key) -> key.getKeyID()).containsExactly("gw-1", "gw-0");
		assertThat(published.getKeys()).noneMatch((key) -> key.isPrivate());
		assertThat(keys.publicJwkSetJson()).doesNotContain("\"d\"");
	}

	@Test
	void refusesKeysThatCannotMintPassports() {
		assertThatIllegalArgumentException().isThrownBy(() -> PassportKeys.of("{oops", null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PassportKeys.of(TestTokens.ecKey("pub").toPublicJWK().toJSONString(), null));
		assertThatIllegalArgumentException().isThrownBy(() -> PassportKeys.of(TestTokens.rsaKey("rsa").toJSONString(), null));
		assertThatIllegalArgumentException().isThrownBy(() -> new PassportMinter(PassportKeys.of(null, null),
				Clock.systemUTC(), Duration.ofSeconds(61)));
	}

	@Test
	void generatesAKeyWithThumbprintKidWhenNoneIsConfigured() {
		PassportKeys keys = PassportKeys.of("  ", null);
		assertThat(keys.generated()).isTrue();
		assertThat(keys.keyId()).isNotBlank();
	}

	@Test
	void reusesOnePassportPerMemberForTwoThirdsOfItsLifetime() throws Exception {
		MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
		PassportMinter minter = new PassportMinter(PassportKeys.of(null, null), clock, Duration.ofSeconds(30), 100);
		String first = minter.mint(this.token);

		clock.advance(Duration.ofMillis(19_999));
		assertThat(minter.mint(this.token)).as("reused within 2/3 of 30 s").isEqualTo(first);
		AccessToken otherSessionSameMember = new AccessToken("m-7", "ada", List.of("MEMBER", "ADMIN"), "jti-2",
				Instant.now(), Instant.now().plusSeconds(900), false);
		assertThat(minter.mint(otherSessionSameMember)).isEqualTo(first);

		clock.advance(Duration.ofMillis(1));
		String second = minter.mint(this.token);
		assertThat(second).as("a fresh one after 20 s").isNotEqualTo(first);
		JWTClaimsSet claims = SignedJWT.parse(second).getJWTClaimsSet();
		assertThat(claims.getIssueTime().toInstant()).isEqualTo(clock.instant());
	}

	@Test
	void aChangeOfRolesOrHandleGetsItsOwnPassport() throws Exception {
		PassportMinter minter = new PassportMinter(PassportKeys.of(null, null), Clock.systemUTC(), Duration.ofSeconds(30),
				100);
		String member = minter.mint(this.token);
		AccessToken demoted = new AccessToken("m-7", "ada", List.of("MEMBER"), "jti-3", Instant.now(),
				Instant.now().plusSeconds(900), false);
		AccessToken renamed = new AccessToken("m-7", "ada2", List.of("MEMBER", "ADMIN"), "jti-4", Instant.now(),
				Instant.now().plusSeconds(900), false);
		assertThat(SignedJWT.parse(minter.mint(demoted)).getJWTClaimsSet().getStringListClaim("roles"))
			.containsExactly("MEMBER");
		assertThat(SignedJWT.parse(minter.mint(renamed)).getJWTClaimsSet().getStringClaim("handle")).isEqualTo("ada2");
		assertThat(minter.mint(this.token)).isEqualTo(member);
	}

	@Test
	void keepsAtMostItsBoundOfReusablePassports() {
		PassportMinter minter = new PassportMinter(PassportKeys.of(null, null), Clock.systemUTC(), Duration.ofSeconds(30),
				10);
		for (int i = 0; i < 100; i++) {
			minter.mint(new AccessToken("m-" + i, "h", List.of(), "j-" + i, Instant.now(), Instant.now().plusSeconds(60),
					false));
			assertThat(minter.cachedCount()).isLessThanOrEqualTo(10);
		}
	}

}
