package io.chorus.platform.events.consumer;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code chorus.consumer.*}: defaults for every {@link EventConsumer}; each can override the
 * retry settings through its builder.
 *
 * @param maxAttempts handler attempts per event before it is dead-lettered (1 = no retry)
 * @param initialBackoff wait before the second attempt; doubles per attempt, with jitter
 * @param maxBackoff cap of that wait
 * @param dedupeTtl how long an applied event id is remembered; raised automatically to the
 * consumed topic's retention when that is longer
 * @param dedupeStore {@code redis} (default; needs reactive Redis) or {@code in-memory}
 * (single-instance development only, must be chosen explicitly)
 * @param deadLetterRetention {@code retention.ms} of the dead-letter topics this service creates
 * @param commitInterval how often acknowledged offsets are committed (and always on shutdown and
 * rebalance)
 * @param lagInterval how often {@code chorus.consumer.lag} is sampled
 */
@ConfigurationProperties("chorus.consumer")
public record ConsumerProperties(@DefaultValue("5") int maxAttempts, @DefaultValue("200ms") Duration initialBackoff,
		@DefaultValue("10s") Duration maxBackoff, @DefaultValue("8d") Duration dedupeTtl,
		@DefaultValue("redis") DedupeStore dedupeStore, @DefaultValue("28d") Duration deadLetterRetention,
		@DefaultValue("1s") Duration commitInterval, @DefaultValue("10s") Duration lagInterval) {

	@ConstructorBinding
	public ConsumerProperties {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("chorus.consumer.max-attempts must be at least 1");
		}
	}

	/** Without {@code lagInterval} (10 s). */
	public ConsumerProperties(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration dedupeTtl,
			DedupeStore dedupeStore, Duration deadLetterRetention, Duration commitInterval) {
		this(maxAttempts, initialBackoff, maxBackoff, dedupeTtl, dedupeStore, deadLetterRetention, commitInterval,
				Duration.ofSeconds(10));
	}

	public enum DedupeStore {

		REDIS, IN_MEMORY

	}

}
