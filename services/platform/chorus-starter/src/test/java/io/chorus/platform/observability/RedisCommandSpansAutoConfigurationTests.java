package io.chorus.platform.observability;

import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class RedisCommandSpansAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withBean(ObservationRegistry.class, ObservationRegistry::create)
		.withConfiguration(AutoConfigurations.of(LettuceObservationAutoConfiguration.class,
				RedisCommandSpansAutoConfiguration.class));

	@Test
	void redisCommandsAreNotObservedByDefault() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(ClientResourcesBuilderCustomizer.class));
	}

	@Test
	void redisCommandSpansCanBeTurnedBackOn() {
		this.runner.withPropertyValues("chorus.observability.redis-command-spans=true")
			.run((context) -> assertThat(context).hasSingleBean(ClientResourcesBuilderCustomizer.class));
	}

}
