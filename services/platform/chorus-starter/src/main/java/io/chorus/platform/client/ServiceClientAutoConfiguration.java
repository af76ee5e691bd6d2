package io.chorus.platform.client;

import io.micrometer.observation.ObservationRegistry;
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
 * observation registry, so every call is a client span and propagates {@code traceparent}.
 */
@AutoConfiguration(after = JacksonAutoConfiguration.class)
@EnableConfigurationProperties(ClientProperties.class)
public class ServiceClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ServiceClients serviceClients(ClientProperties properties, ObjectProvider<ObservationRegistry> observations,
			ObjectProvider<CodecCustomizer> codecCustomizers, ObjectProvider<JsonMapper> jsonMapper) {
		WebClient.Builder template = ServiceClients.template(properties, jsonMapper.getIfAvailable(JsonMapper::new))
			.codecs((codecs) -> codecCustomizers.orderedStream().forEach((customizer) -> customizer.customize(codecs)));
		observations.ifAvailable(template::observationRegistry);
		return new ServiceClients(template);
	}

}
