package io.chorus.platform.events.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from the start the way a Chorus consumer sees it (read_committed), on the test
 * thread. Plain Kafka client on purpose: the assertions must not depend on the code under test.
 */
public final class TopicReader implements AutoCloseable {

	private final KafkaConsumer<String, byte[]> consumer;

	private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();

	public TopicReader(String bootstrapServers, String topic) {
		this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ISOLATION_LEVEL_CONFIG,
				"read_committed", ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
		this.consumer.subscribe(List.of(topic));
	}

	/** Polls until everything read so far satisfies {@code done}; fails after {@code timeout}. */
	public List<ConsumerRecord<String, byte[]>> readUntil(Predicate<List<ConsumerRecord<String, byte[]>>> done,
			Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!done.test(this.records)) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Timed out after " + timeout + " with " + this.records.size() + " records");
			}
			this.consumer.poll(Duration.ofMillis(200)).forEach(this.records::add);
		}
		return List.copyOf(this.records);
	}

	/** Keeps reading for {@code period} (to see records that must not come) and returns all. */
	public List<ConsumerRecord<String, byte[]>> readFor(Duration period) {
		long end = System.nanoTime() + period.toNanos();
		while (System.nanoTime() < end) {
			this.consumer.poll(Duration.ofMillis(200)).forEach(this.records::add);
		}
		return List.copyOf(this.records);
	}

	@Override
	public void close() {
		this.consumer.close(Duration.ofSeconds(5));
	}

}
