package io.chorus.activity.testing;

import io.chorus.activity.events.ActivityEventHandler;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Makes the consumer use a {@link FaultSwitch} around the real handler. */
@TestConfiguration(proxyBeanMethods = false)
public class FaultSwitchConfiguration {

	@Bean
	@Primary
	FaultSwitch faultSwitch(ActivityEventHandler real) {
		return new FaultSwitch(real);
	}

}
