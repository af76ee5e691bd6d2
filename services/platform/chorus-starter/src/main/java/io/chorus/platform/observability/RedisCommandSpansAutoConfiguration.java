package io.chorus.platform.observability;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Boot observes every Lettuce command (a span and a timer each, with no property to turn it off).
 * On the read paths that is several observations per request, so Chorus drops that customizer
 * unless {@code chorus.observability.redis-command-spans=true}; the request's own span still
 * covers the time spent in Redis.
 */
@AutoConfiguration
public class RedisCommandSpansAutoConfiguration {

	/** The bean Boot's {@code LettuceObservationAutoConfiguration} registers. */
	static final String LETTUCE_OBSERVATION_BEAN = "lettuceObservation";

	static final String PROPERTY = "chorus.observability.redis-command-spans";

	@Bean
	static BeanDefinitionRegistryPostProcessor chorusRedisCommandSpans() {
		return new WithoutRedisCommandSpans();
	}

	static final class WithoutRedisCommandSpans implements BeanDefinitionRegistryPostProcessor, EnvironmentAware {

		private boolean enabled;

		@Override
		public void setEnvironment(Environment environment) {
			this.enabled = environment.getProperty(PROPERTY, Boolean.class, false);
		}

		@Override
		public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) throws BeansException {
			if (!this.enabled && registry.containsBeanDefinition(LETTUCE_OBSERVATION_BEAN)) {
				registry.removeBeanDefinition(LETTUCE_OBSERVATION_BEAN);
			}
		}

		@Override
		public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
		}

	}

}
