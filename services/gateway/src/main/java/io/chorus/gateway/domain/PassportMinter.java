package io.chorus.gateway.domain;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.chorus.platform.cache.ExpiringCache;
import org.jspecify.annotations.Nullable;

/**
 * Mints the passport: an ES256 compact JWS naming the member, signed with the gateway's own key,
 * valid for a few seconds. One passport per member, handle and roles is reused for at most 2/3 of
 * its lifetime (the contract), so a service receiving it has at least a third of the lifetime
 * left to use it, and signing happens once per member every ~20 s instead of once per request.
 */
public final class PassportMinter {

	public static final String HEADER = "X-Passport";

	public static final String ISSUER = "chorus-gateway";

	public static final String AUDIENCE = "chorus-internal";

	/** The contract's ceiling for a passport's lifetime. */
	public static final Duration MAX_LIFETIME = Duration.ofSeconds(60);

	private final PassportKeys keys;

	private final Clock clock;

	private final Duration lifetime;

	private final SecureRandom random;

	private final ECDSASigner signer;

	private final JWSHeader header;

	private final Duration reuseFor;

	private final @Nullable ExpiringCache<Holder, String> minted;

	/** Without reuse: a fresh passport per request. */
	public PassportMinter(PassportKeys keys, Clock clock, Duration lifetime) {
		this(keys, clock, lifetime, 0);
	}

	/** @param cacheSize how many members' passports to keep for reuse; 0 mints one per request */
	public PassportMinter(PassportKeys keys, Clock clock, Duration lifetime, int cacheSize) {
		if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_LIFETIME) > 0) {
			throw new IllegalArgumentException("passport lifetime must be between 1s and " + MAX_LIFETIME);
		}
		this.keys = keys;
		this.clock = clock;
		this.lifetime = lifetime;
		this.random = seededRandom();
		try {
			this.signer = new ECDSASigner(keys.signingKey());
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("passport key cannot sign", ex);
		}
		// ECDSA needs fresh randomness per signature; a seeded DRBG never reads /dev/urandom again,
		// so signing stays CPU-only on an event-loop thread.
		this.signer.getJCAContext().setSecureRandom(this.random);
		this.header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(keys.keyId()).type(JOSEObjectType.JWT).build();
		this.reuseFor = lifetime.multipliedBy(2).dividedBy(3);
		this.minted = (cacheSize > 0) ? new ExpiringCache<>(cacheSize) : null;
	}

	private static SecureRandom seededRandom() {
		try {
			SecureRandom random = SecureRandom.getInstance("DRBG");
			random.nextBytes(new byte[16]); // seeds now, at startup, where blocking is harmless
			return random;
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("no DRBG SecureRandom in this JDK", ex);
		}
	}

	public String mint(AccessToken token) {
		Instant now = this.clock.instant();
		if (this.minted == null) {
			return sign(token, now);
		}
		Holder holder = new Holder(token.memberId(), token.handle(), token.roles());
		String reused = this.minted.get(holder, now);
		if (reused != null) {
			return reused;
		}
		String fresh = sign(token, now);
		this.minted.put(holder, fresh, now.plus(this.reuseFor), now);
		return fresh;
	}

	/** How many passports are kept for reuse now (0 without reuse). */
	public int cachedCount() {
		return (this.minted != null) ? this.minted.size() : 0;
	}

	private String sign(AccessToken token, Instant now) {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER)
			.audience(AUDIENCE)
			.subject(token.memberId())
			.claim("roles", token.roles())
			.claim("handle", token.handle())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(this.lifetime)))
			.jwtID(newId())
			.build();
		SignedJWT jwt = new SignedJWT(this.header, claims);
		try {
			jwt.sign(this.signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("passport signing failed", ex);
		}
		return jwt.serialize();
	}

	private String newId() {
		byte[] bytes = new byte[16];
		this.random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	public PassportKeys keys() {
		return this.keys;
	}

	/** Whom a passport names: a change of handle or roles gets a new one at once. */
	private record Holder(String memberId, String handle, List<String> roles) {
	}

}
