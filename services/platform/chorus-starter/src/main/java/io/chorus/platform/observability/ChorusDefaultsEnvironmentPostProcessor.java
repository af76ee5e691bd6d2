package io.chorus.platform.observability;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Operational defaults every Chorus service inherits. Added as the lowest-precedence property
 * source, so any {@code application.yml}, env var or command-line flag overrides them.
 *
 * <p>Logs are JSON (ECS) lines with {@code traceId}/{@code spanId}; set
 * {@code chorus.logging.format=plain} (or {@code CHORUS_LOGGING_FORMAT=plain}) for readable
 * console logs locally.
 */
public final class ChorusDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source holding these defaults. */
	public static final String PROPERTY_SOURCE_NAME = "chorusDefaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		// Drain in-flight requests on SIGTERM, within Kubernetes' default 30 s grace period.
		defaults.put("server.shutdown", "graceful");
		defaults.put("spring.lifecycle.timeout-per-shutdown-phase", "20s");
		// Every meter names its service and HTTP server timings publish histogram buckets: the
		// golden-signals dashboard filters on `application` and computes p50/p99 from the buckets.
		defaults.put("management.metrics.tags.application", "${spring.application.name:unknown}");
		defaults.put("management.metrics.distribution.percentiles-histogram.http.server.requests", "true");
		// Probes and metrics on their own port: never routed by the gateway, never behind a passport.
		defaults.put("management.server.port", "8081");
		defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus,metrics");
		defaults.put("management.endpoint.health.probes.enabled", "true");
		defaults.put("management.health.livenessstate.enabled", "true");
		defaults.put("management.health.readinessstate.enabled", "true");
		// Sample 10 % of traces (the gateway decides; services follow the caller's traceparent flag):
		// recording every span cost a measured third of a service's CPU. Trace ids still flow on
		// every request (X-Trace-Id, problem bodies, traceparent); only span recording is sampled.
		defaults.put("management.tracing.sampling.probability", "0.1");
		if (!environment.containsProperty("management.otlp.metrics.export.url")) {
			defaults.put("management.otlp.metrics.export.enabled", "false");
		}
		// Not "auto": restoring ThreadLocals around every Reactor operator was the largest single
		// cost on the hot paths. Trace context still travels in the Reactor context and on the
		// wire; request error logs carry the traceId in their message. Set "auto" to have MDC on
		// every log line inside reactive chains, at that cost.
		defaults.put("spring.reactor.context-propagation", "limited");
		if (!"plain".equalsIgnoreCase(environment.getProperty("chorus.logging.format", "json"))) {
			defaults.put("logging.structured.format.console", "ecs");
		}
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
	}

	@Override
	public int getOrder() {
		// After config data is loaded, so chorus.logging.format and the OTLP URL can come from application.yml.
		return Ordered.LOWEST_PRECEDENCE;
	}

}
