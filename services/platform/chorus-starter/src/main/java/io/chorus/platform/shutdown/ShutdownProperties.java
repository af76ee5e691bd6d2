package io.chorus.platform.shutdown;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code chorus.shutdown.*}.
 *
 * @param drainDelay how long the application keeps serving after readiness went DOWN, before it
 * stops anything; default 5 s on Kubernetes, 0 elsewhere (tests and local runs close at once)
 */
@ConfigurationProperties("chorus.shutdown")
public record ShutdownProperties(@Nullable Duration drainDelay) {

	/** Default drain on Kubernetes: endpoints and mesh proxies usually learn about a pod leaving within a few seconds. */
	public static final Duration KUBERNETES_DRAIN_DELAY = Duration.ofSeconds(5);

}
