package io.chorus.testkit.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one topic's CloudEvents with a plain consumer (its own group, from the beginning, committed
 * records only): what a test uses to see the events a service published through its outbox.
 */
public final class CloudEventsOnKafka {

	private final String topic;

	private final String bootstrapServers;

	public CloudEventsOnKafka(String bootstrapServers, String topic) {
		this.topic = topic;
		this.bootstrapServers = bootstrapServers;
	}

	/** Waits up to 30 s for an event matching {@code type} and {@code match}; fails otherwise. */
	public Received await(String type, Predicate<Received> match) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		List<Received> seen = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = consumer()) {
			consumer.subscribe(List.of(this.topic));
			while (System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					Received event = new Received(record.key(), JsonMapper.shared().readTree(record.value()));
					seen.add(event);
					if (type.equals(event.type()) && match.test(event)) {
						return event;
					}
				}
			}
		}
		throw new AssertionError("no " + type + " event matched on " + this.topic + " within 30 s; saw " + seen.size()
				+ " events: " + seen.stream().map(Received::type).toList());
	}

	private KafkaConsumer<String, String> consumer() {
		Properties props = new Properties();
		props.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
				ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
				ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
		return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
	}

	/** A record: key and CloudEvent JSON. */
	public record Received(String key, JsonNode event) {

		public String type() {
			return this.event.path("type").asString();
		}

		public String subject() {
			return this.event.path("subject").asString();
		}

		public JsonNode data() {
			return this.event.path("data");
		}

	}

}
