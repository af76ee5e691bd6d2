package io.chorus.platform.client;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Timeouts of service-to-service calls. Kept below the mesh's per-try timeout, so the mesh sees
 * a clean 504 and decides about retries itself; the client never retries (no stacked retries).
 *
 * @param connectTimeout  time to establish a TCP connection
 * @param responseTimeout longest silence while waiting for (any part of) the response
 */
@ConfigurationProperties("chorus.client")
public record ClientProperties(@DefaultValue("1s") Duration connectTimeout,
		@DefaultValue("5s") Duration responseTimeout) {
}
