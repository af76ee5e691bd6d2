package io.chorus.platform.observability;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class KubernetesConfigEnvironmentPostProcessorTests {

	private final KubernetesConfigEnvironmentPostProcessor processor = new KubernetesConfigEnvironmentPostProcessor();

	private StandardEnvironment environment(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}

	@Test
	void offKubernetesNothingIsImportedOrWatched() {
		StandardEnvironment environment = environment(Map.of());
		assertThat(environment.getPropertySources().contains(KubernetesConfigEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
			.isFalse();
		assertThat(environment.getProperty("spring.config.import")).isNull();
		assertThat(environment.getProperty("spring.cloud.kubernetes.reload.enabled")).isNull();
	}

	@Test
	void onKubernetesTheConfigMapIsImportedAndWatched() {
		StandardEnvironment environment = environment(Map.of("spring.main.cloud-platform", "kubernetes"));
		assertThat(environment.getProperty("spring.config.import")).isEqualTo("optional:kubernetes:");
		assertThat(environment.getProperty("spring.cloud.kubernetes.config.fail-fast")).isEqualTo("true");
		assertThat(environment.getProperty("spring.cloud.kubernetes.secrets.enabled")).isEqualTo("false");
		assertThat(environment.getProperty("spring.cloud.kubernetes.reload.enabled")).isEqualTo("true");
		assertThat(environment.getProperty("spring.cloud.kubernetes.reload.strategy")).isEqualTo("refresh");
		assertThat(environment.getProperty("spring.cloud.kubernetes.reload.mode")).isEqualTo("event");
		assertThat(environment.getProperty("spring.cloud.kubernetes.reload.monitoring-secrets")).isEqualTo("false");
		assertThat(environment.getProperty("spring.cloud.kubernetes.reload.enable-reload-filtering")).isEqualTo("true");
		assertThat(environment.getProperty("management.health.kubernetes.enabled")).isEqualTo("false");
	}

	@Test
	void anExplicitSettingWinsAndAnExistingKubernetesImportIsKept() {
		StandardEnvironment environment = environment(Map.of("spring.main.cloud-platform", "kubernetes",
				"spring.config.import", "kubernetes:", "spring.cloud.kubernetes.reload.mode", "polling"));
		assertThat(environment.getProperty("spring.config.import")).isEqualTo("kubernetes:");
		assertThat(environment.getProperty("spring.cloud.kubernetes.reload.mode")).isEqualTo("polling");
	}

}
