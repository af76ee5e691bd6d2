package io.chorus.testkit.passport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Plays the member service's token issuer in tests: mints member-style access JWTs (ES256,
 * {@code kid}, {@code iss=chorus-member}, {@code sub}, {@code roles}, {@code handle},
 * {@code iat}, {@code exp}, {@code jti}) and serves the matching JWK set, e.g. as the body of a
 * stubbed {@code /.well-known/jwks.json}. Keys rotate with {@link #rotate()}; older keys stay
 * published and usable through {@link #builderWithKey(String, String, String, String...)}.
 */
public final class TestAccessTokens {

	public static final String ISSUER = "chorus-member";

	/** Access-token lifetime from the contract. */
	public static final Duration LIFETIME = Duration.ofMinutes(15);

	private final TestKeys keys = new TestKeys();

	private final Clock clock;

	public TestAccessTokens() {
		this(Clock.systemUTC());
	}

	public TestAccessTokens(Clock clock) {
		this.clock = clock;
	}

	/** Every published key (current and retired) as a JWK set JSON document. */
	public String publicJwks() {
		return this.keys.publicJwks();
	}

	public String kid() {
		return this.keys.current().getKeyID();
	}

	/** Starts signing with a new key; returns its kid. Retired keys stay in the JWK set. */
	public String rotate() {
		return this.keys.rotate().getKeyID();
	}

	public TestJwt builder(String memberId, String handle, String... roles) {
		return builderWithKey(kid(), memberId, handle, roles);
	}

	/** A token signed with the key {@code kid}, e.g. a retired-but-published one. */
	public TestJwt builderWithKey(String kid, String memberId, String handle, String... roles) {
		return new TestJwt(this.keys.byKid(kid), ISSUER, null, this.clock.instant(), LIFETIME).subject(memberId)
			.handle(handle)
			.roles(roles);
	}

	public String valid(String memberId, String handle, String... roles) {
		return builder(memberId, handle, roles).sign();
	}

	/** Issued 20 min ago: expired 5 min ago. */
	public String expired(String memberId, String handle, String... roles) {
		Instant issuedAt = this.clock.instant().minus(Duration.ofMinutes(20));
		return builder(memberId, handle, roles).issuedAt(issuedAt).expiresAt(issuedAt.plus(LIFETIME)).sign();
	}

	public String signedByAnotherKey(String memberId, String handle, String... roles) {
		return builder(memberId, handle, roles).signedWith(TestKeys.generate()).keyId(kid()).sign();
	}

}
