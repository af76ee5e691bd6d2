package io.chorus.platform.events.kafka;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code chorus.kafka.*}: where the brokers are and which topics this service declares.
 *
 * <p>Topic names contain dots, so in properties and YAML the map key needs brackets:
 * {@code chorus.kafka.topics[content.events].partitions=6}.
 *
 * @param bootstrapServers {@code host:port,...}; without it no Kafka bean is created
 * @param source CloudEvents {@code source} of events this service produces; defaults to
 * {@code /chorus/<spring.application.name>}
 * @param createTopics create missing declared topics and converge their retention at start-up
 * (broker auto-creation stays off: a typo must not silently create a topic)
 * @param topics declared topics by name
 * @param producer extra producer settings (Kafka names), applied before the ones Chorus enforces
 * @param consumer extra consumer settings (Kafka names), applied before the ones Chorus enforces
 * @param admin extra admin client settings (Kafka names)
 */
@ConfigurationProperties("chorus.kafka")
public record ChorusKafkaProperties(@Nullable String bootstrapServers, @Nullable String source,
		@DefaultValue("true") boolean createTopics, @DefaultValue Map<String, Topic> topics,
		@DefaultValue Map<String, String> producer, @DefaultValue Map<String, String> consumer,
		@DefaultValue Map<String, String> admin) {

	/**
	 * One declared topic.
	 * @param partitions partition count; broker default when unset. Never changed once the topic
	 * exists (more partitions would move keys and break per-key order)
	 * @param replicationFactor broker default when unset
	 * @param retention {@code retention.ms}; consumers keep dedupe keys at least this long
	 */
	public record Topic(@Nullable Integer partitions, @Nullable Short replicationFactor,
			@DefaultValue("7d") Duration retention) {
	}

}
