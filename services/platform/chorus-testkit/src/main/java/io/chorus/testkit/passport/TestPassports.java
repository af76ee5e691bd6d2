package io.chorus.testkit.passport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.nimbusds.jose.jwk.ECKey;

/**
 * Plays the gateway in tests: holds its own EC P-256 key and mints {@code X-Passport} values,
 * valid or broken in one specific way each. Register {@link #publicJwks()} as
 * {@code chorus.passport.public-jwks}.
 *
 * <pre>{@code
 * static final TestPassports passports = new TestPassports();
 * registry.add("chorus.passport.public-jwks", passports::publicJwks);
 * client.get().uri("/me").header("X-Passport", passports.valid("m-1", "ada", "USER"))...
 * }</pre>
 */
public final class TestPassports {

	public static final String HEADER = "X-Passport";

	public static final String ISSUER = "chorus-gateway";

	public static final String AUDIENCE = "chorus-internal";

	/** Lifetime of a minted passport; the contract allows at most 60 s. */
	public static final Duration LIFETIME = Duration.ofSeconds(30);

	private final TestKeys keys = new TestKeys();

	private final Clock clock;

	public TestPassports() {
		this(Clock.systemUTC());
	}

	/** Mints with times from {@code clock} (give the service the same clock to freeze time). */
	public TestPassports(Clock clock) {
		this.clock = clock;
	}

	/** The gateway's public key set, as JSON, for {@code chorus.passport.public-jwks}. */
	public String publicJwks() {
		return this.keys.publicJwks();
	}

	/** The id of the current signing key. */
	public String kid() {
		return this.keys.current().getKeyID();
	}

	/** Starts a new signing key (the old one stays in {@link #publicJwks()}); returns its kid. */
	public String rotate() {
		return this.keys.rotate().getKeyID();
	}

	/** A valid passport under construction, to change before {@link TestJwt#sign()}. */
	public TestJwt builder(String memberId, String handle, String... roles) {
		return new TestJwt(this.keys.current(), ISSUER, AUDIENCE, this.clock.instant(), LIFETIME).subject(memberId)
			.handle(handle)
			.roles(roles);
	}

	public String valid(String memberId, String handle, String... roles) {
		return builder(memberId, handle, roles).sign();
	}

	/** Issued 90 s ago with a 30 s lifetime: expired for a minute. */
	public String expired(String memberId, String handle, String... roles) {
		Instant issuedAt = this.clock.instant().minusSeconds(90);
		return builder(memberId, handle, roles).issuedAt(issuedAt).expiresAt(issuedAt.plus(LIFETIME)).sign();
	}

	public String wrongAudience(String memberId, String handle, String... roles) {
		return builder(memberId, handle, roles).audience("chorus-public").sign();
	}

	public String wrongIssuer(String memberId, String handle, String... roles) {
		return builder(memberId, handle, roles).issuer("chorus-member").sign();
	}

	/** Signed by a key the service does not know, but claiming the trusted kid. */
	public String signedByAnotherKey(String memberId, String handle, String... roles) {
		return builder(memberId, handle, roles).signedWith(TestKeys.generate()).keyId(kid()).sign();
	}

	/** A valid passport without {@code claim} (e.g. {@code "sub"}, {@code "roles"}). */
	public String missingClaim(String claim) {
		return builder("m-1", "member", "USER").without(claim).sign();
	}

	/** A valid passport whose {@code claim} holds {@code value} of the wrong type. */
	public String illTypedClaim(String claim, Object value) {
		return builder("m-1", "member", "USER").claim(claim, value).sign();
	}

	/** {@code roles} as a number instead of an array of strings. */
	public String illTypedRoles() {
		return illTypedClaim("roles", 42);
	}

	/** Lives 61 s: one second more than the contract allows. */
	public String tooLongLifetime(String memberId, String handle, String... roles) {
		Instant issuedAt = this.clock.instant();
		return builder(memberId, handle, roles).issuedAt(issuedAt).expiresAt(issuedAt.plusSeconds(61)).sign();
	}

	/** A fresh key that the service does not trust, for {@link TestJwt#signedWith(ECKey)}. */
	public static ECKey untrustedKey() {
		return TestKeys.generate();
	}

}
