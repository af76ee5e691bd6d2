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
import org.apache.kafka.common.TopicPartition;
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
	 * Everything on the topic once a record matching {@code last} has arrived (waiting
	 * up to 60 s for it): every partition is read to its end as of that moment. Use a final change as a
	 * marker: the relay publishes in commit order, so when the marker is there, everything
	 * committed before it is too (duplicates included).
	 */
	public List<Received> until(Predicate<Received> last) {
		return untilAll((seen) -> !seen.isEmpty() && last.test(seen.get(seen.size() - 1)));
	}

	/**
	 * Polls until what has been read satisfies {@code done} (up to 60 s), then reads every
	 * partition to its end as of that moment.
	 */
	public List<Received> untilAll(Predicate<List<Received>> done) {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		List<Received> seen = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = consumer()) {
			consumer.subscribe(List.of(TOPIC));
			while (System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					seen.add(new Received(record.key(), record.partition(), JsonMapper.shared().readTree(record.value())));
					if (done.test(seen)) {
						drain(consumer, seen, deadline);
						return seen;
					}
				}
			}
		}
		throw new AssertionError("the expected events did not arrive on " + TOPIC + " within 60 s; saw " + seen.size()
				+ ": " + seen.stream().map((e) -> e.key() + "@" + e.partition() + ":" + e.type()).toList());
	}

	// Partitions are fetched in no particular order: once the marker is seen, read every partition
	// up to its end as of now, which holds everything the relay published before the marker.
	private static void drain(KafkaConsumer<String, String> consumer, List<Received> seen, long deadline) {
		Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
		while (ends.entrySet().stream().anyMatch((end) -> consumer.position(end.getKey()) < end.getValue())) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("could not read " + TOPIC + " to its end within 60 s");
			}
			for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
				seen.add(new Received(record.key(), record.partition(), JsonMapper.shared().readTree(record.value())));
			}
		}
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
