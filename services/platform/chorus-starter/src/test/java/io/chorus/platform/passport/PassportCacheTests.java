package io.chorus.platform.passport;

import java.time.Duration;
import java.time.Instant;

import io.chorus.testkit.passport.TestPassports;
import io.chorus.testkit.time.MutableClock;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A verified passport is kept until its {@code exp} and never past it; a tampered or forged one is
 * never answered from the cache, whatever the cache holds.
 */
class PassportCacheTests {

	private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	private final MutableClock clock = new MutableClock(NOW);

	private final TestPassports passports = new TestPassports(this.clock);

	/** No clock skew, so "past exp" is exactly what the cache must not serve. */
	private final PassportVerifier verifier = new PassportVerifier(
			new StaticPassportKeySource(this.passports.publicJwks()), this.clock, Duration.ZERO, 100);

	@Test
	void aRepeatedPassportIsServedFromTheCacheUntilItsExpiry() {
		String passport = this.passports.valid("m-1", "ada", "member");
		accepted(passport);
		assertThat(this.verifier.cachedCount()).isEqualTo(1);
		this.clock.advance(TestPassports.LIFETIME.minusMillis(1));
		accepted(passport);

		this.clock.advance(Duration.ofMillis(1));
		rejected(passport, "expired");
		assertThat(this.verifier.cachedCount()).as("the expired entry is dropped").isZero();
	}

	@Test
	void aTamperedCopyOfACachedPassportIsVerifiedInFullAndRejected() {
		String passport = this.passports.valid("m-1", "ada", "member");
		accepted(passport);
		String[] parts = passport.split("\\.");
		String otherPayload = this.passports.valid("m-2", "eve", "admin").split("\\.")[1];
		rejected(parts[0] + "." + otherPayload + "." + parts[2], "bad signature");
		rejected(parts[0] + "." + parts[1] + "." + flipMiddleChar(parts[2]), "bad signature");
		accepted(passport);
	}

	@Test
	void aForgedPassportWithTheSameClaimsIsRejectedWhileTheGenuineOneIsCached() {
		accepted(this.passports.valid("m-1", "ada", "member"));
		rejected(this.passports.signedByAnotherKey("m-1", "ada", "member"), "bad signature");
	}

	@Test
	void theCacheStaysWithinItsBound() {
		PassportVerifier small = new PassportVerifier(new StaticPassportKeySource(this.passports.publicJwks()),
				this.clock, Duration.ZERO, 3);
		for (int i = 0; i < 20; i++) {
			StepVerifier.create(small.verify(this.passports.valid("m-" + i, "h" + i))).expectNextCount(1).verifyComplete();
			assertThat(small.cachedCount()).isLessThanOrEqualTo(3);
		}
	}

	private void accepted(String passport) {
		StepVerifier.create(this.verifier.verify(passport))
			.assertNext((verified) -> assertThat(verified.memberId()).isEqualTo("m-1"))
			.verifyComplete();
	}

	private void rejected(String passport, String reason) {
		StepVerifier.create(this.verifier.verify(passport))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(InvalidPassportException.class)
				.hasMessageContaining(reason))
			.verify();
	}

	/** A character in the middle of base64url text always carries data (the last one may carry only padding bits). */
	private static String flipMiddleChar(String text) {
		int middle = text.length() / 2;
		char c = text.charAt(middle);
		return text.substring(0, middle) + ((c == 'A') ? 'B' : 'A') + text.substring(middle + 1);
	}

}
