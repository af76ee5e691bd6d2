package io.chorus.platform.passport;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the gateway's public passport keys come from, and how strictly time is checked.
 *
 * @param publicJwks             the gateway's public JWK set as JSON (wins over the URI for kids it holds)
 * @param jwksUri                the gateway's JWKS endpoint, fetched lazily and cached
 * @param clockSkew              tolerance for clock drift between gateway and service
 * @param jwksCacheTtl           how long a fetched JWK set is trusted before it is refetched
 * @param jwksMinRefetchInterval at most one refetch per interval for unknown kids (stops a flood
 *                               of made-up kids from hammering the gateway)
 * @param cacheSize              verified passports kept until their {@code exp} (the gateway reuses
 *                               one per member for up to 2/3 of its lifetime); 0 verifies every
 *                               request in full
 */
@ConfigurationProperties("chorus.passport")
public record PassportProperties(@Nullable String publicJwks, @Nullable URI jwksUri,
		@DefaultValue("5s") Duration clockSkew, @DefaultValue("5m") Duration jwksCacheTtl,
		@DefaultValue("10s") Duration jwksMinRefetchInterval, @DefaultValue("10000") int cacheSize) {

	public PassportProperties {
		if (cacheSize < 0) {
			throw new IllegalArgumentException("chorus.passport.cache-size must be 0 or more");
		}
		if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofSeconds(30)) > 0) {
			throw new IllegalArgumentException("chorus.passport.clock-skew must be between 0 and 30s");
		}
	}

}
