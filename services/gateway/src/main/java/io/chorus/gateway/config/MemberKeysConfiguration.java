package io.chorus.gateway.config;

import java.time.Clock;

import io.chorus.gateway.domain.JwkSetParser;
import io.chorus.gateway.domain.TokenPolicy;
import io.chorus.gateway.store.MemberJwks;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/** Member's signing keys, fetched with a WebClient of short timeouts. */
@Configuration(proxyBeanMethods = false)
class MemberKeysConfiguration {

	@Bean
	MemberJwks memberJwks(GatewayProperties properties, TokenPolicy policy, Clock clock, MeterRegistry meters) {
		GatewayProperties.Jwks jwks = properties.jwks();
		HttpClient http = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) jwks.fetchTimeout().toMillis())
			.responseTimeout(jwks.fetchTimeout());
		WebClient client = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(http))
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(256 * 1024))
			.build();
		return new MemberJwks(client, properties.jwksUri(), new JwkSetParser(policy.algorithms()), clock,
				jwks.cacheTtl(), jwks.minRefetchInterval(), jwks.maxStaleness(), meters);
	}

	@Bean
	ApplicationListener<ApplicationReadyEvent> memberJwksPrefetch(MemberJwks jwks) {
		return (event) -> jwks.prefetch();
	}

}
