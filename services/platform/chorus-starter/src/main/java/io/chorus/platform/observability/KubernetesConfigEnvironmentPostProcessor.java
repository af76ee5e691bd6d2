package io.chorus.platform.observability;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * On Kubernetes only, makes every service read its ConfigMap through spring-cloud-kubernetes
 * ({@code optional:kubernetes:} import) and refresh on change (event-driven reload, strategy
 * {@code refresh}). Runs before config data is loaded, because the import and the
 * {@code spring.cloud.kubernetes.config.*} settings are read while loading it. Everything is a
 * lowest-precedence default: a service's own properties or the environment win. Off Kubernetes
 * (tests, local runs) nothing is added and spring-cloud-kubernetes stays inert.
 */
public final class KubernetesConfigEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source holding these defaults. */
	public static final String PROPERTY_SOURCE_NAME = "chorusKubernetesConfigDefaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!CloudPlatform.KUBERNETES.isActive(environment)) {
			return;
		}
		Map<String, Object> defaults = new LinkedHashMap<>();
		if (!environment.getProperty("spring.config.import", "").contains("kubernetes:")) {
			defaults.put("spring.config.import", "optional:kubernetes:");
		}
		// A pod that cannot read its ConfigMap must not start on built-in defaults.
		defaults.put("spring.cloud.kubernetes.config.fail-fast", "true");
		// Secrets stay env vars (secretKeyRef): not read through the API, not watched.
		defaults.put("spring.cloud.kubernetes.secrets.enabled", "false");
		// Reload: watch the ConfigMap (informer, only sources labelled
		// spring.cloud.kubernetes.config.informer.enabled=true) and refresh the context in place:
		// @ConfigurationProperties beans are rebound, @RefreshScope beans rebuilt, log levels reapplied.
		defaults.put("spring.cloud.kubernetes.reload.enabled", "true");
		defaults.put("spring.cloud.kubernetes.reload.strategy", "refresh");
		defaults.put("spring.cloud.kubernetes.reload.mode", "event");
		defaults.put("spring.cloud.kubernetes.reload.monitoring-config-maps", "true");
		defaults.put("spring.cloud.kubernetes.reload.monitoring-secrets", "false");
		defaults.put("spring.cloud.kubernetes.reload.enable-reload-filtering", "true");
		// The pod health/info contributors would need "get pods"; the Role grants ConfigMaps only.
		defaults.put("management.health.kubernetes.enabled", "false");
		defaults.put("management.info.kubernetes.enabled", "false");
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
	}

	@Override
	public int getOrder() {
		return ConfigDataEnvironmentPostProcessor.ORDER - 1;
	}

}
