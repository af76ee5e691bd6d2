package io.chorus.platform.redis;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.RedisConnectionFailureException;

import static org.assertj.core.api.Assertions.assertThat;

class EagerRedisAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(DataRedisAutoConfiguration.class, EagerRedisAutoConfiguration.class));

	/** Lazy Lettuce would start fine here and fail (blocking an event loop) on first use. */
	@Test
	void anUnreachableRedisFailsTheStartInsteadOfTheFirstRequest() {
		this.runner.withPropertyValues("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=1",
				"spring.data.redis.connect-timeout=500ms")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(java.net.ConnectException.class)
				.satisfies((failure) -> assertThat(context.getStartupFailure()).hasStackTraceContaining(
						RedisConnectionFailureException.class.getSimpleName())));
	}

}
