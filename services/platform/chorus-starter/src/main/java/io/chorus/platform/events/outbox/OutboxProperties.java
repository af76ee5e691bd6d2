package io.chorus.platform.events.outbox;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code chorus.outbox.*}.
 *
 * @param enabled create the {@link Outbox} and its relay (needs R2DBC and Kafka)
 * @param relayEnabled run the relay in this instance (turn off for a write-only tool)
 * @param batchSize rows published per Kafka transaction
 * @param pollInterval wait between polls when the outbox is drained (appends in this instance
 * wake the relay at once)
 * @param initialBackoff first wait after a failed batch; doubles per failure, with jitter
 * @param maxBackoff cap of that wait
 * @param lockRetryInterval how often a standby replica tries to become the relay
 * @param keepSent how long sent rows stay (for inspection) before they are purged
 * @param maxAttempts publish failures blamed on a row itself (too large, bad topic, ...) before it
 * is parked: set aside, with later rows of its key waiting behind it, so the relay goes on
 * @param lockTimeout how long a leader that stops answering (partitioned, frozen) keeps the relay
 * lock: the server drops its session after this much silence, and the leader itself resigns when
 * its heartbeat or a statement takes longer
 * @param relayId names the relay lock and the Kafka transactional id; defaults to the database
 * name. Must be the same for every replica of a service and different between services.
 */
@ConfigurationProperties("chorus.outbox")
public record OutboxProperties(@DefaultValue("true") boolean enabled, @DefaultValue("true") boolean relayEnabled,
		@DefaultValue("100") int batchSize, @DefaultValue("250ms") Duration pollInterval,
		@DefaultValue("500ms") Duration initialBackoff, @DefaultValue("30s") Duration maxBackoff,
		@DefaultValue("5s") Duration lockRetryInterval, @DefaultValue("7d") Duration keepSent,
		@DefaultValue("10") int maxAttempts, @DefaultValue("30s") Duration lockTimeout, @Nullable String relayId) {

	public OutboxProperties {
		if (batchSize < 1) {
			throw new IllegalArgumentException("chorus.outbox.batch-size must be at least 1");
		}
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("chorus.outbox.max-attempts must be at least 1");
		}
		if (lockTimeout.toSeconds() < 2) {
			throw new IllegalArgumentException("chorus.outbox.lock-timeout must be at least 2s");
		}
	}

}
