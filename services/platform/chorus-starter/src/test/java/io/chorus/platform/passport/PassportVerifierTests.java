package io.chorus.platform.passport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.chorus.testkit.passport.TestPassports;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** Every check of the passport contract, with a frozen clock. */
class PassportVerifierTests {

	private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	private final TestPassports passports = new TestPassports(Clock.fixed(NOW, ZoneOffset.UTC));

	private final PassportVerifier verifier = verifierAt(NOW);

	private PassportVerifier verifierAt(Instant now) {
		return new PassportVerifier(new StaticPassportKeySource(this.passports.publicJwks()),
				Clock.fixed(now, ZoneOffset.UTC), Duration.ofSeconds(5));
	}

	@Test
	void validPassportYieldsThePrincipal() {
		StepVerifier.create(this.verifier.verify(this.passports.valid("m-1", "ada", "USER", "ADMIN")))
			.assertNext((passport) -> {
				assertThat(passport.memberId()).isEqualTo("m-1");
				assertThat(passport.handle()).isEqualTo("ada");
				assertThat(passport.roles()).containsExactly("USER", "ADMIN");
				assertThat(passport.jti()).isNotBlank();
				assertThat(passport.expiresAt()).isEqualTo(NOW.plus(TestPassports.LIFETIME));
			})
			.verifyComplete();
	}

	@Test
	void emptyRolesAreAllowed() {
		StepVerifier.create(this.verifier.verify(this.passports.valid("m-1", "ada")))
			.assertNext((passport) -> assertThat(passport.roles()).isEmpty())
			.verifyComplete();
	}

	@Test
	void expiredWithinClockSkewIsAccepted() {
		String passport = this.passports.valid("m-1", "ada", "USER");
		StepVerifier.create(verifierAt(NOW.plus(TestPassports.LIFETIME).plusSeconds(4)).verify(passport))
			.expectNextCount(1)
			.verifyComplete();
	}

	@Test
	void expiredBeyondClockSkewIsRejected() {
		String passport = this.passports.valid("m-1", "ada", "USER");
		assertRejected(verifierAt(NOW.plus(TestPassports.LIFETIME).plusSeconds(5)), passport, "expired");
	}

	@Test
	void rejectsEachBrokenPassportWithItsReason() {
		assertRejected(this.passports.expired("m-1", "ada"), "expired");
		assertRejected(this.passports.signedByAnotherKey("m-1", "ada"), "bad signature");
		assertRejected(this.passports.wrongAudience("m-1", "ada"), "wrong audience");
		assertRejected(this.passports.wrongIssuer("m-1", "ada"), "wrong issuer");
		assertRejected(this.passports.tooLongLifetime("m-1", "ada"), "lifetime exceeds 60s");
		assertRejected(this.passports.illTypedRoles(), "missing or ill-typed claim roles");
		assertRejected(this.passports.illTypedClaim("roles", List.of("USER", List.of())),
				"missing or ill-typed claim roles");
		assertRejected(this.passports.illTypedClaim("handle", true), "missing or ill-typed claim handle");
		assertRejected(this.passports.illTypedClaim("sub", 42), "missing or ill-typed claim sub");
		assertRejected(this.passports.illTypedClaim("sub", ""), "missing or ill-typed claim sub");
		assertRejected(this.passports.illTypedClaim("iat", "yesterday"), "malformed claims");
		assertRejected(this.passports.builder("m-1", "ada").keyId("other").sign(), "unknown key id");
		assertRejected("", "malformed");
		assertRejected("x".repeat(10_000), "malformed");
		assertRejected("eyJhbGciOiJub25lIn0.eyJzdWIiOiJtLTEifQ.", "malformed");
	}

	@Test
	void everyRequiredClaimIsRequired() {
		for (String claim : List.of("sub", "handle", "roles", "jti", "iss", "aud", "exp", "iat")) {
			StepVerifier.create(this.verifier.verify(this.passports.missingClaim(claim)))
				.expectError(InvalidPassportException.class)
				.verify();
		}
	}

	@Test
	void lifetimeOfExactlySixtySecondsIsAccepted() {
		String passport = this.passports.builder("m-1", "ada").issuedAt(NOW).expiresAt(NOW.plusSeconds(60)).sign();
		StepVerifier.create(this.verifier.verify(passport)).expectNextCount(1).verifyComplete();
	}

	@Test
	void issuedInTheFutureIsRejected() {
		String passport = this.passports.builder("m-1", "ada")
			.issuedAt(NOW.plusSeconds(30))
			.expiresAt(NOW.plusSeconds(60))
			.sign();
		assertRejected(passport, "issued in the future");
	}

	@Test
	void notYetValidIsRejected() {
		String passport = this.passports.builder("m-1", "ada").claim("nbf", NOW.plusSeconds(20).getEpochSecond()).sign();
		assertRejected(passport, "not yet valid");
	}

	@Test
	void keyRotationKeepsOlderPassportsValid() {
		String before = this.passports.valid("m-1", "ada");
		this.passports.rotate();
		String after = this.passports.valid("m-1", "ada");
		PassportVerifier rotated = new PassportVerifier(new StaticPassportKeySource(this.passports.publicJwks()),
				Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(5));
		StepVerifier.create(rotated.verify(before)).expectNextCount(1).verifyComplete();
		StepVerifier.create(rotated.verify(after)).expectNextCount(1).verifyComplete();
	}

	private void assertRejected(String passport, String reason) {
		assertRejected(this.verifier, passport, reason);
	}

	private static void assertRejected(PassportVerifier verifier, String passport, String reason) {
		StepVerifier.create(verifier.verify(passport))
			.expectErrorSatisfies((ex) -> {
				assertThat(ex).isInstanceOf(InvalidPassportException.class);
				assertThat(((InvalidPassportException) ex).reason()).isEqualTo(reason);
				assertThat(((InvalidPassportException) ex).status().value()).isEqualTo(401);
				assertThat(((InvalidPassportException) ex).headers().getFirst("WWW-Authenticate"))
					.isEqualTo("Bearer error=\"invalid_token\"");
			})
			.verify();
	}

}
