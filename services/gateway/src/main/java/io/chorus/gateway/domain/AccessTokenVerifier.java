package io.chorus.gateway.domain;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.chorus.gateway.domain.TokenRejectedException.Reason;
import io.chorus.platform.cache.ExpiringCache;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Verifies member's access tokens: allowed algorithm, known key, valid signature, then every claim.
 * Expiry is judged only after the signature and claims hold, so an expired token gets the refresh
 * hint and a forged one never does. Any failure — including a missing or ill-typed claim — is a
 * {@link TokenRejectedException}; CPU-only after the key lookup.
 *
 * <p>A client sends the same token for up to its whole lifetime, so a token that verified is kept
 * (keyed by its exact compact form, signature included) until its {@code exp}, never past it: a
 * repeat costs a map lookup instead of an ECDSA or RSA verification. A hit is served only while
 * its signing key is still in member's key set (a withdrawn key refuses its tokens at once) and
 * re-reads whether that key is still the current one. Rejections are never kept. Revocation is
 * not part of this: it is checked on every request after verification.
 */
public final class AccessTokenVerifier {

	private static final int MAX_LENGTH = 8 * 1024;

	private final SigningKeys keys;

	private final Clock clock;

	private final TokenPolicy policy;

	private final @Nullable ExpiringCache<String, Verified> verified;

	/** Without a cache: every token is verified in full. */
	public AccessTokenVerifier(SigningKeys keys, Clock clock, TokenPolicy policy) {
		this(keys, clock, policy, 0);
	}

	/** @param cacheSize how many verified tokens to keep until their expiry; 0 keeps none */
	public AccessTokenVerifier(SigningKeys keys, Clock clock, TokenPolicy policy, int cacheSize) {
		this.keys = keys;
		this.clock = clock;
		this.policy = policy;
		this.verified = (cacheSize > 0) ? new ExpiringCache<>(cacheSize) : null;
	}

	public Mono<AccessToken> verify(String compact) {
		ExpiringCache<String, Verified> cache = this.verified;
		if (cache == null) {
			return verifyInFull(compact).map(Verified::token);
		}
		Verified hit = cache.get(compact, this.clock.instant());
		if (hit != null) {
			SigningKey key = this.keys.known(hit.kid());
			if (key != null) {
				return Mono.just(hit.token().withRetiredKey(!key.current()));
			}
			cache.invalidate(compact); // the key was withdrawn: verify in full, which refuses it
		}
		return verifyInFull(compact).map((fresh) -> {
			cache.put(compact, fresh, fresh.token().expiresAt(), this.clock.instant());
			return fresh.token();
		});
	}

	/** How many verified tokens are kept now (0 without a cache). */
	public int cachedCount() {
		return (this.verified != null) ? this.verified.size() : 0;
	}

	private Mono<Verified> verifyInFull(String compact) {
		return Mono.defer(() -> {
			SignedJWT jwt = parse(compact);
			JWSHeader header = jwt.getHeader();
			JWSAlgorithm algorithm = header.getAlgorithm();
			if (!this.policy.algorithms().contains(algorithm)) {
				return Mono.error(invalid("algorithm not allowed"));
			}
			String kid = header.getKeyID();
			if (kid == null || kid.isBlank()) {
				return Mono.error(invalid("no key id"));
			}
			return this.keys.find(kid)
				.switchIfEmpty(Mono.error(() -> invalid("unknown key id")))
				.map((key) -> new Verified(check(jwt, algorithm, key), kid));
		}).onErrorMap((ex) -> !(ex instanceof TokenRejectedException), (ex) -> invalid("unreadable token"));
	}

	private static SignedJWT parse(String compact) {
		if (compact.isBlank() || compact.length() > MAX_LENGTH) {
			throw invalid("malformed");
		}
		try {
			return SignedJWT.parse(compact);
		}
		catch (ParseException ex) {
			throw invalid("malformed");
		}
	}

	private AccessToken check(SignedJWT jwt, JWSAlgorithm algorithm, SigningKey key) {
		if (!key.algorithms().contains(algorithm) || !signatureValid(jwt, key)) {
			throw invalid("bad signature");
		}
		JWTClaimsSet claims;
		try {
			// Also rejects ill-typed registered claims (exp as a string, sub as a number, ...).
			claims = jwt.getJWTClaimsSet();
		}
		catch (ParseException ex) {
			throw invalid("malformed claims");
		}
		if (!this.policy.issuer().equals(stringClaim(claims, "iss"))) {
			throw invalid("wrong issuer");
		}
		AccessToken token = new AccessToken(requiredString(claims, "sub"), requiredString(claims, "handle"),
				roles(claims), requiredString(claims, "jti"), instant(claims.getIssueTime(), "iat"),
				instant(claims.getExpirationTime(), "exp"), !key.current());
		checkTimes(token, claims.getNotBeforeTime());
		return token;
	}

	private static boolean signatureValid(SignedJWT jwt, SigningKey key) {
		try {
			return jwt.verify(key.verifier());
		}
		catch (JOSEException | IllegalStateException ex) {
			return false;
		}
	}

	private void checkTimes(AccessToken token, @Nullable Date notBefore) {
		Instant now = this.clock.instant();
		Duration skew = this.policy.clockSkew();
		if (token.issuedAt().isAfter(now.plus(skew))) {
			throw invalid("issued in the future");
		}
		if (notBefore != null && notBefore.toInstant().isAfter(now.plus(skew))) {
			throw invalid("not yet valid");
		}
		Duration lifetime = Duration.between(token.issuedAt(), token.expiresAt());
		if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(this.policy.maxLifetime()) > 0) {
			throw invalid("lifetime out of bounds");
		}
		if (!now.isBefore(token.expiresAt().plus(skew))) {
			throw new TokenRejectedException(Reason.EXPIRED, "expired");
		}
	}

	private static Instant instant(@Nullable Date date, String claim) {
		if (date == null) {
			throw invalid("missing claim " + claim);
		}
		return date.toInstant();
	}

	private static @Nullable String stringClaim(JWTClaimsSet claims, String name) {
		return (claims.getClaim(name) instanceof String value) ? value : null;
	}

	private static String requiredString(JWTClaimsSet claims, String name) {
		String value = stringClaim(claims, name);
		if (value == null || value.isBlank()) {
			throw invalid("missing or ill-typed claim " + name);
		}
		return value;
	}

	private static List<String> roles(JWTClaimsSet claims) {
		if (!(claims.getClaim("roles") instanceof List<?> values)) {
			throw invalid("missing or ill-typed claim roles");
		}
		List<String> roles = new ArrayList<>(values.size());
		for (Object value : values) {
			if (!(value instanceof String role) || role.isBlank()) {
				throw invalid("missing or ill-typed claim roles");
			}
			roles.add(role);
		}
		return roles;
	}

	private record Verified(AccessToken token, String kid) {
	}

	private static TokenRejectedException invalid(String detail) {
		return new TokenRejectedException(Reason.INVALID, detail);
	}

}
