package io.chorus.platform.client;

import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
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
		HttpClient http = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(properties.connectTimeout().toMillis()))
			.responseTimeout(properties.responseTimeout());
		WebClient.Builder template = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(http))
			.codecs((codecs) -> codecCustomizers.orderedStream().forEach((customizer) -> customizer.customize(codecs)))
			.filter(new DownstreamErrors(jsonMapper.getIfAvailable(JsonMapper::new)))
			.filter(new PassportForwarding());
		observations.ifAvailable(template::observationRegistry);
		return new ServiceClients(template);
	}

}
