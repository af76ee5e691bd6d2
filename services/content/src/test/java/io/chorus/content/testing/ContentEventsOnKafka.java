package io.chorus.content.testing;

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

/** Reads {@code content.events} with a plain read_committed consumer (own group, from the beginning). */
public final class ContentEventsOnKafka {

	public static final String TOPIC = "content.events";

	private final String bootstrapServers;

	public ContentEventsOnKafka(String bootstrapServers) {
		this.bootstrapServers = bootstrapServers;
	}

	/**
	 * Everything on the topic up to and including the first record matching {@code last}; waits
	 * up to 60 s for it. Use a final change as a marker: the relay publishes in commit order, so
	 * when the marker is there, everything committed before it is too (duplicates included).
	 */
	public List<Received> until(Predicate<Received> last) {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		List<Received> seen = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = consumer()) {
			consumer.subscribe(List.of(TOPIC));
			while (System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					Received event = new Received(record.key(), record.partition(),
							JsonMapper.shared().readTree(record.value()));
					seen.add(event);
					if (last.test(event)) {
						return seen;
					}
				}
			}
		}
		throw new AssertionError("the expected event did not arrive on " + TOPIC + " within 60 s; saw " + seen.size());
	}

	/** The events of one post (record key) up to and including the marker. */
	public List<Received> ofPost(String postId, Predicate<Received> last) {
		return until((e) -> postId.equals(e.key()) && last.test(e)).stream()
			.filter((e) -> postId.equals(e.key()))
			.toList();
	}

	private KafkaConsumer<String, String> consumer() {
		Properties props = new Properties();
		props.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
				ConsumerConfig.GROUP_ID_CONFIG, "content-test-" + UUID.randomUUID(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
				ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
		return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
	}

	/** A record: key, partition and the CloudEvent JSON. */
	public record Received(String key, int partition, JsonNode event) {

		public String type() {
			return this.event.path("type").asString();
		}

		public String subject() {
			return this.event.path("subject").asString();
		}

		public String id() {
			return this.event.path("id").asString();
		}

		public JsonNode data() {
			return this.event.path("data");
		}

	}

}
