package io.chorus.platform.events.consumer;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

import io.chorus.platform.events.CloudEventCodec;
import io.chorus.platform.events.kafka.EventPublisher;
import io.chorus.platform.events.kafka.KafkaClients;
import io.chorus.platform.events.kafka.TopicDeclarations;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Builds {@link EventConsumer}s. Typical use in a service:
 * <pre>{@code
 * @Bean
 * EventConsumer postEvents(EventConsumers consumers, TimelineProjection projection) {
 *     return consumers.consume("content.events").group("timeline").handler(projection::apply).build();
 * }
 * }</pre>
 */
public final class EventConsumers {

	/** Group names end up in topic names and Redis keys: keep them to safe characters. */
	private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,99}");

	private final KafkaClients clients;

	private final TopicDeclarations topics;

	private final EventPublisher publisher;

	private final CloudEventCodec codec;

	private final @Nullable EventDeduplicator dedupe;

	private final ConsumerProperties properties;

	private final MeterRegistry meters;

	private final Clock clock;

	private final ObservationRegistry observations;

	/** @param dedupe {@code null} when no store is configured: building a consumer then fails */
	public EventConsumers(KafkaClients clients, TopicDeclarations topics, EventPublisher publisher, CloudEventCodec codec,
			@Nullable EventDeduplicator dedupe, ConsumerProperties properties, MeterRegistry meters, Clock clock) {
		this(clients, topics, publisher, codec, dedupe, properties, meters, clock, ObservationRegistry.NOOP);
	}

	/**
	 * @param observations every record is processed in a {@code chorus.consumer.process}
	 * observation (a consumer span, child of the record's {@code traceparent})
	 */
	public EventConsumers(KafkaClients clients, TopicDeclarations topics, EventPublisher publisher, CloudEventCodec codec,
			@Nullable EventDeduplicator dedupe, ConsumerProperties properties, MeterRegistry meters, Clock clock,
			ObservationRegistry observations) {
		this.observations = observations;
		this.clients = clients;
		this.topics = topics;
		this.publisher = publisher;
		this.codec = codec;
		this.dedupe = dedupe;
		this.properties = properties;
		this.meters = meters;
		this.clock = clock;
	}

	public Builder consume(String... topics) {
		return new Builder(List.of(topics));
	}

	/** Shortcut with the configured defaults. */
	public EventConsumer consume(Collection<String> topics, String group, EventHandler handler) {
		return new Builder(List.copyOf(topics)).group(group).handler(handler).build();
	}

	public final class Builder {

		private final List<String> topicNames;

		private @Nullable String group;

		private @Nullable EventHandler handler;

		private int maxAttempts = EventConsumers.this.properties.maxAttempts();

		private Duration initialBackoff = EventConsumers.this.properties.initialBackoff();

		private Duration maxBackoff = EventConsumers.this.properties.maxBackoff();

		private Duration dedupeTtl = EventConsumers.this.properties.dedupeTtl();

		private Builder(List<String> topicNames) {
			this.topicNames = topicNames;
		}

		/** Kafka consumer group id; also names the dead-letter topics and dedupe keys. */
		public Builder group(String group) {
			this.group = group;
			return this;
		}

		public Builder handler(EventHandler handler) {
			this.handler = handler;
			return this;
		}

		/** Handler attempts before dead-lettering (1 = no retry). */
		public Builder maxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
			return this;
		}

		/** First retry delay and its cap; delays double in between, with jitter. */
		public Builder backoff(Duration initial, Duration max) {
			this.initialBackoff = initial;
			this.maxBackoff = max;
			return this;
		}

		/** Minimum dedupe TTL (the consumed topic's retention wins when longer). */
		public Builder dedupeTtl(Duration ttl) {
			this.dedupeTtl = ttl;
			return this;
		}

		public EventConsumer build() {
			if (this.topicNames.isEmpty()) {
				throw new IllegalArgumentException("A consumer needs at least one topic");
			}
			if (this.group == null || !GROUP.matcher(this.group).matches()) {
				throw new IllegalArgumentException("Consumer group must match " + GROUP + ", was " + this.group);
			}
			if (this.handler == null) {
				throw new IllegalArgumentException("Consumer " + this.group + " has no handler");
			}
			if (this.maxAttempts < 1 || this.initialBackoff.isNegative() || this.initialBackoff.isZero()
					|| this.maxBackoff.compareTo(this.initialBackoff) < 0) {
				throw new IllegalArgumentException("Consumer " + this.group
						+ " needs maxAttempts >= 1 and 0 < initial backoff <= max backoff");
			}
			EventDeduplicator store = EventConsumers.this.dedupe;
			if (store == null) {
				throw new IllegalStateException("Consumer " + this.group + " needs an EventDeduplicator: add "
						+ "spring-boot-starter-data-redis-reactive (dedupe in Redis), or set "
						+ "chorus.consumer.dedupe-store=in-memory for a single-instance development setup");
			}
			ConsumerSettings settings = new ConsumerSettings(this.topicNames, this.group, this.handler,
					this.maxAttempts, this.initialBackoff, this.maxBackoff, this.dedupeTtl);
			return new EventConsumer(settings, EventConsumers.this.clients, EventConsumers.this.topics,
					EventConsumers.this.properties,
					ttl -> new RecordProcessor(settings, EventConsumers.this.codec, store,
							EventConsumers.this.publisher, ttl, EventConsumers.this.meters,
							EventConsumers.this.clock, EventConsumers.this.observations),
					EventConsumers.this.meters);
		}

	}

}
