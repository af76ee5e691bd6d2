package io.chorus.gateway.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records that a Redis-backed check was skipped because Redis failed or was too slow.
 * Policy: the edge fails OPEN (access tokens live at most 15 minutes, and a Redis outage must not
 * lock every member out). Every skip increments {@code chorus.gateway.redis.fail.open}
 * (tag {@code operation}) and is logged, at most once per operation every 10 s so an outage does
 * not flood the log.
 */
public final class FailOpen {

	public static final String METER = "chorus.gateway.redis.fail.open";

	private static final Logger logger = LoggerFactory.getLogger(FailOpen.class);

	private static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

	private final MeterRegistry meters;

	private final Clock clock;

	private final Map<String, Instant> lastLogged = new ConcurrentHashMap<>();

	public FailOpen(MeterRegistry meters, Clock clock) {
		this.meters = meters;
		this.clock = clock;
	}

	public void record(String operation, Throwable cause) {
		Counter.builder(METER)
			.description("Redis-backed edge checks skipped because Redis failed or timed out")
			.tag("operation", operation)
			.register(this.meters)
			.increment();
		Instant now = this.clock.instant();
		Instant last = this.lastLogged.get(operation);
		if (last == null || !now.isBefore(last.plus(LOG_INTERVAL))) {
			this.lastLogged.put(operation, now);
			logger.warn("Redis {} failed or timed out; skipped under the fail-open policy: {}", operation, cause.toString());
		}
	}

}
