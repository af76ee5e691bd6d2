package io.chorus.testkit.tracing;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code @Import(InMemorySpansConfiguration.class)} in a Spring Boot test: the JVM-wide
 * {@link InMemorySpans#shared()} collector as a bean, so the application's spans end up in it.
 */
@Configuration(proxyBeanMethods = false)
public class InMemorySpansConfiguration {

	@Bean
	InMemorySpans chorusInMemorySpans() {
		return InMemorySpans.shared();
	}

}
