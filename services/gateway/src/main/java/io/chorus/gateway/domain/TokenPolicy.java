package io.chorus.gateway.domain;

import java.time.Duration;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;

/**
 * What the gateway accepts as an access token.
 *
 * @param issuer      the only accepted {@code iss}
 * @param algorithms  the signature algorithms allowed (never {@code none} or an HMAC)
 * @param clockSkew   tolerance for clock drift between member and gateway
 * @param maxLifetime the longest {@code exp - iat} accepted; revocation marks live this long, so
 *                    a longer-lived token would outlive its own revocation
 */
public record TokenPolicy(String issuer, Set<JWSAlgorithm> algorithms, Duration clockSkew, Duration maxLifetime) {

	public static final Set<JWSAlgorithm> ASYMMETRIC = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256);

	public TokenPolicy {
		algorithms = Set.copyOf(algorithms);
		if (algorithms.isEmpty() || !ASYMMETRIC.containsAll(algorithms)) {
			throw new IllegalArgumentException("token algorithms must be a non-empty subset of " + ASYMMETRIC);
		}
		if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(2)) > 0) {
			throw new IllegalArgumentException("token clock skew must be between 0 and 2 minutes");
		}
		if (maxLifetime.isNegative() || maxLifetime.isZero()) {
			throw new IllegalArgumentException("token max lifetime must be positive");
		}
	}

}
