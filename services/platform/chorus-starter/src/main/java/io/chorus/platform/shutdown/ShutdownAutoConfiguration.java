package io.chorus.platform.shutdown;

import java.time.Duration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** Readiness DOWN and a drain delay before the lifecycle shutdown (see {@link GracefulDrain}). */
@AutoConfiguration
@EnableConfigurationProperties(ShutdownProperties.class)
public class ShutdownAutoConfiguration {

	@Bean
	GracefulDrain chorusGracefulDrain(ApplicationContext context, ShutdownProperties properties,
			Environment environment) {
		Duration delay = properties.drainDelay();
		if (delay == null) {
			delay = CloudPlatform.KUBERNETES.isActive(environment) ? ShutdownProperties.KUBERNETES_DRAIN_DELAY
					: Duration.ZERO;
		}
		return new GracefulDrain(context, delay);
	}

}
