package io.chorus.gateway.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import com.nimbusds.jose.jwk.ECKey;
import io.chorus.gateway.TestTokens;
import io.chorus.gateway.domain.TokenRejectedException.Reason;
import io.chorus.testkit.time.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The verified-token cache: a token's signature is checked once, and the cached result is never
 * served past the token's {@code exp}, after its key was withdrawn, or for an altered token.
 */
class VerifiedTokenCacheTests {

	private static final ECKey CURRENT = TestTokens.ecKey("current");

	private static final ECKey NEXT = TestTokens.ecKey("next");

	private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));

	private final Map<String, SigningKey> keys = new HashMap<>(
			new JwkSetParser(TokenPolicy.ASYMMETRIC).parse(TestTokens.jwks(CURRENT.toPublicJWK())));

	/** No clock skew, so "past exp" is exactly what the cache must not serve. */
	private final AccessTokenVerifier verifier = new AccessTokenVerifier(new KeysInMap(this.keys), this.clock,
			new TokenPolicy("chorus-member", TokenPolicy.ASYMMETRIC, Duration.ZERO, Duration.ofMinutes(15)), 100);

	private String token(String memberId) {
		Instant now = this.clock.instant();
		return TestTokens.sign(CURRENT, TestTokens.claims(memberId, now, now.plus(Duration.ofMinutes(15))).build());
	}

	@Test
	void aCachedTokenIsRefusedFromItsExpiryOn() {
		String token = token("m-1");
		assertThat(this.verifier.verify(token).block()).isNotNull();
		assertThat(this.verifier.cachedCount()).isEqualTo(1);
		this.clock.advance(Duration.ofMinutes(15).minusMillis(1));
		assertThat(this.verifier.verify(token).block()).as("still valid, from the cache").isNotNull();

		this.clock.advance(Duration.ofMillis(1));
		assertThat(reason(token)).isEqualTo(Reason.EXPIRED);
	}

	@Test
	void aCachedTokenWhoseKeyWasWithdrawnIsRefused() {
		String token = token("m-1");
		assertThat(this.verifier.verify(token).block()).isNotNull();
		this.keys.clear();
		this.keys.putAll(new JwkSetParser(TokenPolicy.ASYMMETRIC).parse(TestTokens.jwks(NEXT.toPublicJWK())));
		assertThat(reason(token)).isEqualTo(Reason.INVALID);
	}

	@Test
	void aCachedTokenLearnsThatItsKeyWasRetired() {
		String token = token("m-1");
		assertThat(this.verifier.verify(token).block().retiredKey()).isFalse();
		this.keys.clear();
		this.keys.putAll(new JwkSetParser(TokenPolicy.ASYMMETRIC)
			.parse(TestTokens.jwks(NEXT.toPublicJWK(), CURRENT.toPublicJWK())));
		assertThat(this.verifier.verify(token).block().retiredKey()).as("no longer the first key of the set").isTrue();
	}

	@Test
	void anAlteredCopyOfACachedTokenIsVerifiedInFullAndRefused() {
		String token = token("m-1");
		assertThat(this.verifier.verify(token).block()).isNotNull();
		String[] parts = token.split("\\.");
		String otherClaims = token("m-2").split("\\.")[1];
		assertThat(reason(parts[0] + "." + otherClaims + "." + parts[2])).isEqualTo(Reason.INVALID);
		String forged = TestTokens.sign(TestTokens.ecKey("current"),
				TestTokens.claims("m-1", this.clock.instant(), this.clock.instant().plus(Duration.ofMinutes(15))).build());
		assertThat(reason(forged)).as("same kid, another key").isEqualTo(Reason.INVALID);
		assertThat(this.verifier.cachedCount()).isEqualTo(1);
	}

	@Test
	void theCacheStaysWithinItsBound() {
		AccessTokenVerifier small = new AccessTokenVerifier(new KeysInMap(this.keys), this.clock,
				new TokenPolicy("chorus-member", TokenPolicy.ASYMMETRIC, Duration.ZERO, Duration.ofMinutes(15)), 5);
		for (int i = 0; i < 50; i++) {
			assertThat(small.verify(token("m-" + i)).block()).isNotNull();
			assertThat(small.cachedCount()).isLessThanOrEqualTo(5);
		}
	}

	private Reason reason(String compact) {
		TokenRejectedException rejected = catchThrowableOfType(TokenRejectedException.class,
				() -> this.verifier.verify(compact).block());
		assertThat(rejected).as("rejected").isNotNull();
		return rejected.reason();
	}

}
