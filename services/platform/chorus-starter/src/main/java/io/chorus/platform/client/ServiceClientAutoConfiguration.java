package io.chorus.platform.client;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The {@link ServiceClients} factory. Its WebClients carry the application's codecs and
 * observation registry, so every call is a client span and propagates {@code traceparent}; they
 * share one connection pool with Reactor Netty pool metrics
 * ({@code reactor.netty.connection.provider.*{name=chorus-service-clients}}), and every call
 * goes through {@link ClientResilience} (timeout, retries, circuit breaker, bulkhead).
 */
@AutoConfiguration(after = JacksonAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@EnableConfigurationProperties(ClientProperties.class)
public class ServiceClientAutoConfiguration {

	/** Pool of the service clients; disposed with the context (not Reactor Netty's global pool). */
	@Bean(destroyMethod = "dispose")
	@ConditionalOnMissingBean(name = "chorusServiceClientConnections")
	ConnectionProvider chorusServiceClientConnections() {
		return ConnectionProvider.builder("chorus-service-clients").metrics(true).build();
	}

	@Bean
	@ConditionalOnMissingBean
	ServiceClients serviceClients(ClientProperties properties, ObjectProvider<ObservationRegistry> observations,
			ObjectProvider<CodecCustomizer> codecCustomizers, ObjectProvider<JsonMapper> jsonMapper,
			ObjectProvider<MeterRegistry> meters, ConnectionProvider chorusServiceClientConnections) {
		WebClient.Builder template = ServiceClients
			.template(properties, jsonMapper.getIfAvailable(JsonMapper::new),
					HttpClient.create(chorusServiceClientConnections))
			.codecs((codecs) -> codecCustomizers.orderedStream().forEach((customizer) -> customizer.customize(codecs)));
		observations.ifAvailable(template::observationRegistry);
		MeterRegistry registry = meters.getIfAvailable(SimpleMeterRegistry::new);
		return new ServiceClients(template, new ClientResilience(properties, registry), registry);
	}

}
