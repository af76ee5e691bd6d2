package io.chorus.platform.redis;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Connects Lettuce's shared connection at start-up. Left lazy, the first Redis command connects
 * with a blocking wait on whichever event-loop thread issues it (BlockHound rejects that), and a
 * service whose Redis is unreachable would report ready and then fail requests.
 */
@AutoConfiguration
@ConditionalOnClass(LettuceConnectionFactory.class)
public class EagerRedisAutoConfiguration {

	@Bean
	static BeanPostProcessor eagerLettuceConnection() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof LettuceConnectionFactory lettuce) {
					lettuce.setEagerInitialization(true);
				}
				return bean;
			}
		};
	}

}
