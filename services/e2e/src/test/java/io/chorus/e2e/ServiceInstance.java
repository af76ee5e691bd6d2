package io.chorus.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.chorus.testkit.tracing.InMemorySpansConfiguration;

import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.UrlResource;

/**
 * One Chorus deployable running in this JVM as its own Spring application, on random ports.
 *
 * <p>Every deployable's jar has an {@code application.yaml} at its root, and on a shared class
 * path only the first would be found. So Boot's config-file lookup is pointed at a name no jar
 * uses, and the deployable's own file, read from its own jar, becomes the default properties;
 * the test's overrides go in as command-line arguments, which win over both.
 */
final class ServiceInstance implements AutoCloseable {

	private final String name;

	private final ConfigurableApplicationContext context;

	private ServiceInstance(String name, ConfigurableApplicationContext context) {
		this.name = name;
		this.context = context;
	}

	static ServiceInstance start(String name, Class<?> mainClass, Map<String, String> overrides, Clock clock) {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("spring.config.name", "chorus-e2e-no-config-file");
		settings.put("server.port", "0");
		settings.put("management.server.port", "0");
		settings.put("chorus.logging.format", "plain");
		// The trace tests follow one request through every deployable: record every span
		// (the default samples 10 %).
		settings.put("management.tracing.sampling.probability", "1.0");
		settings.putAll(overrides);
		List<String> args = new ArrayList<>();
		settings.forEach((key, value) -> args.add("--" + key + "=" + value));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(mainClass)
			// Every deployable reports its finished spans to the JVM-wide in-memory collector.
			.sources(InMemorySpansConfiguration.class)
			.properties(ownConfiguration(mainClass))
			// A shared, test-controlled clock; each deployable's Clock bean backs off for it.
			.initializers((ctx) -> ctx.getBeanFactory().registerSingleton("e2eClock", clock))
			.run(args.toArray(String[]::new));
		return new ServiceInstance(name, context);
	}

	private static Properties ownConfiguration(Class<?> mainClass) {
		try {
			URL codeSource = mainClass.getProtectionDomain().getCodeSource().getLocation();
			String base = codeSource.toString();
			UrlResource yaml = base.endsWith(".jar") ? new UrlResource("jar:" + base + "!/application.yaml")
					: new UrlResource(base + (base.endsWith("/") ? "" : "/") + "application.yaml");
			YamlPropertiesFactoryBean factory = new YamlPropertiesFactoryBean();
			factory.setResources(yaml);
			Properties properties = factory.getObject();
			if (properties == null || properties.isEmpty()) {
				throw new IllegalStateException("No application.yaml in " + codeSource);
			}
			return properties;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String name() {
		return this.name;
	}

	int port() {
		return Integer.parseInt(this.context.getEnvironment().getRequiredProperty("local.server.port"));
	}

	int managementPort() {
		return Integer.parseInt(this.context.getEnvironment().getRequiredProperty("local.management.port"));
	}

	String baseUrl() {
		return "http://127.0.0.1:" + port();
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	@Override
	public void close() {
		this.context.close();
	}

}
