package io.chorus.gateway.config;

import java.time.Clock;
import java.util.Set;
import java.util.stream.Collectors;

import com.nimbusds.jose.JWSAlgorithm;
import io.chorus.gateway.api.AuthenticationFilter;
import io.chorus.gateway.api.BodySizeFilter;
import io.chorus.gateway.api.CorsFilter;
import io.chorus.gateway.api.DownstreamErrorsFilter;
import io.chorus.gateway.api.DownstreamResponseHeaders;
import io.chorus.gateway.api.EdgeScope;
import io.chorus.gateway.api.InboundHeadersFilter;
import io.chorus.gateway.api.LogoutRevocations;
import io.chorus.gateway.api.RateLimitFilter;
import io.chorus.gateway.domain.AccessTokenVerifier;
import io.chorus.gateway.domain.PassportKeys;
import io.chorus.gateway.domain.PassportMinter;
import io.chorus.gateway.domain.TokenPolicy;
import io.chorus.gateway.domain.TrustedProxies;
import io.chorus.gateway.store.LocalRateLimiter;
import io.chorus.gateway.store.MemberJwks;
import io.chorus.gateway.store.RedisKeys;
import io.chorus.gateway.store.RevocationStore;
import io.chorus.gateway.store.TokenBucketRateLimiter;
import io.chorus.platform.observability.TraceIds;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The edge filters, in the order they run, and what they need. */
@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(EdgeConfiguration.class);

	/**
	 * Services fetch the passport keys from the management port; with no separate management
	 * port there would be no JWKS endpoint at all, so refuse to start instead.
	 */
	@Bean
	InitializingBean managementPortGuard(Environment environment) {
		return () -> {
			String management = environment.getProperty("management.server.port");
			String server = environment.getProperty("server.port", "8080");
			if (management == null || management.equals("-1") || (management.equals(server) && !management.equals("0"))) {
				throw new IllegalStateException("The gateway needs management.server.port set apart from server.port: "
						+ "the passport JWKS is published only there");
			}
		};
	}

	@Bean
	EdgeScope edgeScope(ApplicationContext context) {
		return new EdgeScope(context);
	}

	@Bean
	InboundHeadersFilter inboundHeadersFilter(EdgeScope scope, GatewayProperties properties, TraceIds traceIds) {
		return new InboundHeadersFilter(scope, new TrustedProxies(properties.trustedProxies()), traceIds);
	}

	@Bean
	LiveEdgeSettings liveEdgeSettings(Environment environment) {
		return new LiveEdgeSettings(environment);
	}

	@Bean
	CorsFilter corsFilter(EdgeScope scope, LiveEdgeSettings settings) {
		return new CorsFilter(scope, settings.corsSupplier());
	}

	@Bean
	BodySizeFilter bodySizeFilter(EdgeScope scope, GatewayProperties properties) {
		return new BodySizeFilter(scope, properties.body().maxSize(), properties.body().uploadMaxSize(),
				properties.body().imageMaxSize());
	}

	@Bean
	PassportKeys passportKeys(GatewayProperties properties) {
		PassportKeys keys = PassportKeys.of(properties.passport().privateJwk(),
				properties.passport().additionalPublicJwks());
		if (keys.generated()) {
			logger.warn("CHORUS_GATEWAY_PASSPORT_KEY is not set: generated passport key {} for this process only. "
					+ "Services must refetch it after every restart, and several replicas would each sign with "
					+ "their own key: supply one shared key (a Secret) outside local development.", keys.keyId());
		}
		return keys;
	}

	@Bean
	PassportMinter passportMinter(PassportKeys keys, Clock clock, GatewayProperties properties) {
		GatewayProperties.Passport passport = properties.passport();
		return new PassportMinter(keys, clock, passport.lifetime(), passport.reuse() ? passport.cacheSize() : 0);
	}

	@Bean
	TokenPolicy tokenPolicy(GatewayProperties properties) {
		GatewayProperties.Tokens tokens = properties.tokens();
		Set<JWSAlgorithm> algorithms = tokens.algorithms().stream().map(JWSAlgorithm::parse).collect(Collectors.toSet());
		return new TokenPolicy(tokens.issuer(), algorithms, tokens.clockSkew(), tokens.lifetime());
	}

	@Bean
	AccessTokenVerifier accessTokenVerifier(MemberJwks keys, Clock clock, TokenPolicy policy,
			GatewayProperties properties) {
		return new AccessTokenVerifier(keys, clock, policy, properties.tokens().cacheSize());
	}

	@Bean
	LogoutRevocations logoutRevocations(RevocationStore revocations) {
		return new LogoutRevocations(revocations);
	}

	@Bean
	AuthenticationFilter authenticationFilter(EdgeScope scope, AccessTokenVerifier verifier,
			RevocationStore revocations, PassportMinter passports, LogoutRevocations logouts,
			GatewayProperties properties, MeterRegistry meters) {
		return new AuthenticationFilter(scope, verifier, revocations, passports, logouts,
				properties.tokens().ignoredOn(), properties.tokens().forwardAuthorization(), meters);
	}

	/** Always present: {@code chorus.gateway.rate-limit.enabled} is read per request, so it can be switched at runtime. */
	@Bean
	RateLimitFilter rateLimitFilter(EdgeScope scope, TokenBucketRateLimiter shared, RedisKeys keys,
			LiveEdgeSettings settings, Clock clock, GatewayProperties properties) {
		return new RateLimitFilter(scope, new LocalRateLimiter(clock, properties.rateLimit().maxBuckets()), shared, keys,
				settings.limitsSupplier());
	}

	@Bean
	DownstreamErrorsFilter downstreamErrorsFilter() {
		return new DownstreamErrorsFilter();
	}

	@Bean
	DownstreamResponseHeaders downstreamResponseHeaders() {
		return new DownstreamResponseHeaders();
	}

}
