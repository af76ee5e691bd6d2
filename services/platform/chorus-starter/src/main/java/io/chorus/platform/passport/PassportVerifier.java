package io.chorus.platform.passport;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.chorus.platform.cache.ExpiringCache;
import io.chorus.platform.web.ProblemException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Verifies a compact passport: ES256 only, a known kid, a valid signature, then every claim of
 * the contract. Each failure — including a missing or ill-typed claim — is an
 * {@link InvalidPassportException}, never an unchecked surprise. CPU-only after the key lookup.
 *
 * <p>The gateway reuses a passport for many requests, so a verified one is kept (keyed by its
 * exact compact form, signature included) until its {@code exp}, never past it: repeats cost a
 * map lookup instead of an ECDSA verification. Any altered byte is another key and is verified in
 * full; rejections are never kept.
 */
public final class PassportVerifier {

	public static final String ISSUER = "chorus-gateway";

	public static final String AUDIENCE = "chorus-internal";

	/** The contract caps a passport's lifetime: a leaked one is only replayable this long. */
	public static final Duration MAX_LIFETIME = Duration.ofSeconds(60);

	private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.ES256);

	private static final int MAX_LENGTH = 8 * 1024;

	private final PassportKeySource keys;

	private final Clock clock;

	private final Duration clockSkew;

	private final @Nullable ExpiringCache<String, VerifiedPassport> verified;

	/** Without a cache: every passport is verified in full. */
	public PassportVerifier(PassportKeySource keys, Clock clock, Duration clockSkew) {
		this(keys, clock, clockSkew, 0);
	}

	/** @param cacheSize how many verified passports to keep until their expiry; 0 keeps none */
	public PassportVerifier(PassportKeySource keys, Clock clock, Duration clockSkew, int cacheSize) {
		this.keys = keys;
		this.clock = clock;
		this.clockSkew = clockSkew;
		this.verified = (cacheSize > 0) ? new ExpiringCache<>(cacheSize) : null;
	}

	/** The passport in {@code compact}, or an error: {@link InvalidPassportException} if it is not valid. */
	public Mono<Passport> verify(String compact) {
		return verifyToken(compact).map(VerifiedPassport::passport);
	}

	Mono<VerifiedPassport> verifyToken(String compact) {
		if (this.verified != null) {
			VerifiedPassport hit = this.verified.get(compact, this.clock.instant());
			if (hit != null) {
				return Mono.just(hit);
			}
			return verifyInFull(compact).doOnNext((fresh) -> this.verified.put(compact, fresh,
					fresh.passport().expiresAt(), this.clock.instant()));
		}
		return verifyInFull(compact);
	}

	/** How many verified passports are kept now (0 without a cache). */
	int cachedCount() {
		return (this.verified != null) ? this.verified.size() : 0;
	}

	private Mono<VerifiedPassport> verifyInFull(String compact) {
		return Mono.defer(() -> {
			SignedJWT jwt = parse(compact);
			JWSHeader header = jwt.getHeader();
			if (!ALGORITHMS.contains(header.getAlgorithm())) {
				return Mono.error(invalid("algorithm not allowed"));
			}
			String kid = header.getKeyID();
			if (kid == null || kid.isBlank()) {
				return Mono.error(invalid("no key id"));
			}
			return this.keys.verifierFor(kid)
				.switchIfEmpty(Mono.error(() -> invalid("unknown key id")))
				.map((verifier) -> new VerifiedPassport(check(jwt, verifier), compact));
		}).onErrorMap((ex) -> !(ex instanceof ProblemException), (ex) -> invalid("malformed"));
	}

	private static SignedJWT parse(String compact) {
		if (compact.isBlank() || compact.length() > MAX_LENGTH) {
			throw invalid("malformed");
		}
		try {
			return SignedJWT.parse(compact.strip());
		}
		catch (ParseException ex) {
			throw invalid("malformed");
		}
	}

	private Passport check(SignedJWT jwt, JWSVerifier verifier) {
		if (!signatureValid(jwt, verifier)) {
			throw invalid("bad signature");
		}
		JWTClaimsSet claims;
		Map<String, Object> raw;
		try {
			// Also rejects ill-typed registered claims (e.g. exp as a string, aud as a number).
			claims = jwt.getJWTClaimsSet();
			// Nimbus coerces a numeric sub to a string; the contract wants a string, so check the JSON.
			raw = jwt.getPayload().toJSONObject();
		}
		catch (ParseException ex) {
			throw invalid("malformed claims");
		}
		if (raw == null) {
			throw invalid("malformed claims");
		}
		if (!ISSUER.equals(stringClaim(raw, "iss"))) {
			throw invalid("wrong issuer");
		}
		if (claims.getAudience() == null || !claims.getAudience().contains(AUDIENCE)) {
			throw invalid("wrong audience");
		}
		checkTimes(claims);
		return new Passport(requiredString(raw, "sub"), requiredString(raw, "handle"), roles(raw),
				requiredString(raw, "jti"), instant(claims.getExpirationTime(), "exp"));
	}

	private static boolean signatureValid(SignedJWT jwt, JWSVerifier verifier) {
		try {
			return jwt.verify(verifier);
		}
		catch (JOSEException | IllegalStateException ex) {
			return false;
		}
	}

	private void checkTimes(JWTClaimsSet claims) {
		Instant now = this.clock.instant();
		Instant expiresAt = instant(claims.getExpirationTime(), "exp");
		Instant issuedAt = instant(claims.getIssueTime(), "iat");
		if (!now.isBefore(expiresAt.plus(this.clockSkew))) {
			throw invalid("expired");
		}
		if (issuedAt.isAfter(now.plus(this.clockSkew))) {
			throw invalid("issued in the future");
		}
		if (!expiresAt.isAfter(issuedAt) || Duration.between(issuedAt, expiresAt).compareTo(MAX_LIFETIME) > 0) {
			throw invalid("lifetime exceeds " + MAX_LIFETIME.toSeconds() + "s");
		}
		Date notBefore = claims.getNotBeforeTime();
		if (notBefore != null && notBefore.toInstant().isAfter(now.plus(this.clockSkew))) {
			throw invalid("not yet valid");
		}
	}

	private static Instant instant(@Nullable Date date, String claim) {
		if (date == null) {
			throw invalid("missing claim " + claim);
		}
		return date.toInstant();
	}

	private static @Nullable String stringClaim(Map<String, Object> claims, String name) {
		return (claims.get(name) instanceof String value) ? value : null;
	}

	private static String requiredString(Map<String, Object> claims, String name) {
		String value = stringClaim(claims, name);
		if (value == null || value.isBlank()) {
			throw invalid("missing or ill-typed claim " + name);
		}
		return value;
	}

	private static List<String> roles(Map<String, Object> claims) {
		if (!(claims.get("roles") instanceof List<?> values)) {
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

	private static InvalidPassportException invalid(String reason) {
		return new InvalidPassportException(reason);
	}

}
