package io.chorus.platform.passport;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.netty.channel.ChannelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Passport verification for every reactive Chorus service. Only the gateway, which mints
 * passports, turns it off ({@code chorus.passport.verification.enabled=false}).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnProperty(name = "chorus.passport.verification.enabled", matchIfMissing = true)
@EnableConfigurationProperties(PassportProperties.class)
public class PassportAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(PassportAutoConfiguration.class);

	/** The time source for every expiry check; override it to test time-dependent code. */
	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	@ConditionalOnMissingBean
	PassportKeySource passportKeySource(PassportProperties properties, Clock clock) {
		List<PassportKeySource> sources = new ArrayList<>();
		if (properties.publicJwks() != null && !properties.publicJwks().isBlank()) {
			StaticPassportKeySource configured = new StaticPassportKeySource(properties.publicJwks());
			logger.info("Passport verification uses {} configured public key(s)", configured.size());
			sources.add(configured);
		}
		if (properties.jwksUri() != null) {
			logger.info("Passport verification fetches keys from {}", properties.jwksUri());
			sources.add(new RemotePassportKeySource(jwksClient(), properties.jwksUri(), clock,
					properties.jwksCacheTtl(), properties.jwksMinRefetchInterval()));
		}
		if (sources.isEmpty()) {
			// Fail closed: with no key every presented passport is rejected; anonymous routes still work.
			logger.warn("Neither chorus.passport.public-jwks nor chorus.passport.jwks-uri is set: "
					+ "every request carrying a passport will be rejected");
		}
		return (kid) -> Flux.fromIterable(sources).concatMap((source) -> source.verifierFor(kid)).next();
	}

	@Bean
	@ConditionalOnMissingBean
	PassportVerifier passportVerifier(PassportKeySource keys, Clock clock, PassportProperties properties) {
		return new PassportVerifier(keys, clock, properties.clockSkew(), properties.cacheSize());
	}

	@Bean
	@ConditionalOnMissingBean
	PassportWebFilter passportWebFilter(PassportVerifier verifier, ApplicationContext context) {
		return new PassportWebFilter(verifier, context);
	}

	private static WebClient jwksClient() {
		HttpClient http = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 1000)
			.responseTimeout(Duration.ofSeconds(2));
		return WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(http))
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(256 * 1024))
			.build();
	}

}
