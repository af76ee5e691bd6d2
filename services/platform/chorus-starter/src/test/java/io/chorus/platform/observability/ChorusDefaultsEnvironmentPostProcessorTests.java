package io.chorus.platform.observability;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class ChorusDefaultsEnvironmentPostProcessorTests {

	private final ChorusDefaultsEnvironmentPostProcessor processor = new ChorusDefaultsEnvironmentPostProcessor();

	private StandardEnvironment environment(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("application", properties));
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}

	@Test
	void servicesInheritOperationalDefaults() {
		StandardEnvironment environment = environment(Map.of());
		assertThat(environment.getProperty("server.shutdown")).isEqualTo("graceful");
		assertThat(environment.getProperty("management.server.port")).isEqualTo("8081");
		assertThat(environment.getProperty("management.endpoints.web.exposure.include"))
			.isEqualTo("health,info,prometheus,metrics");
		assertThat(environment.getProperty("management.endpoint.health.probes.enabled")).isEqualTo("true");
		assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("0.1");
		assertThat(environment.getProperty("management.otlp.metrics.export.enabled")).isEqualTo("false");
		assertThat(environment.getProperty("management.metrics.distribution.percentiles-histogram.http.server.requests"))
			.isEqualTo("true");
		assertThat(environment.getProperty("management.metrics.tags.application")).isNotBlank();
		assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
		assertThat(environment.getProperty("spring.reactor.context-propagation")).isEqualTo("limited");
	}

	@Test
	void anyServiceSettingWins() {
		StandardEnvironment environment = environment(
				Map.of("management.server.port", "9000", "management.tracing.sampling.probability", "0.2"));
		assertThat(environment.getProperty("management.server.port")).isEqualTo("9000");
		assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("0.2");
		assertThat(environment.getPropertySources().precedenceOf(environment.getPropertySources()
			.get(ChorusDefaultsEnvironmentPostProcessor.PROPERTY_SOURCE_NAME)))
			.isEqualTo(environment.getPropertySources().size() - 1);
	}

	@Test
	void plainLogsOnRequest() {
		assertThat(environment(Map.of("chorus.logging.format", "plain")).getProperty("logging.structured.format.console"))
			.isNull();
	}

	@Test
	void otlpMetricsExportStaysOnWhenAnEndpointIsConfigured() {
		assertThat(environment(Map.of("management.otlp.metrics.export.url", "http://collector:4318/v1/metrics"))
			.getProperty("management.otlp.metrics.export.enabled")).isNull();
	}

}
