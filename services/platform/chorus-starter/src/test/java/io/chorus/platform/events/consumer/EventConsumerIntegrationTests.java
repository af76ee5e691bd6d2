package io.chorus.platform.events.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.chorus.platform.events.CloudEvent;
import io.chorus.platform.events.CloudEventCodec;
import io.chorus.platform.events.CloudEventFactory;
import io.chorus.platform.events.EventsTestApplication;
import io.chorus.platform.events.InvalidEventException;
import io.chorus.platform.events.kafka.EventPublisher;
import io.chorus.platform.events.replay.DeadLetterReplay;
import io.chorus.platform.events.replay.ReplayTool;
import io.chorus.platform.events.replay.Rewind;
import io.chorus.platform.events.support.TopicReader;
import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Consumers against the in-JVM Kafka broker and real Redis (dedupe): duplicates, poison events,
 * undecodable records, dead-letter replay and rewinding one group.
 */
@SpringBootTest(classes = { EventsTestApplication.class, EventConsumerIntegrationTests.Consumers.class },
		properties = "spring.autoconfigure.exclude="
				+ "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration,"
				+ "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
				+ "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration")
@ChorusInfrastructure({ Infra.REDIS, Infra.KAFKA })
class EventConsumerIntegrationTests {

	private static final TestNamespace NAMESPACE = TestNamespace.of(EventConsumerIntegrationTests.class);

	static final String EVENTS = NAMESPACE.topic("content.events");

	static final String RAW = NAMESPACE.topic("raw.events");

	static final String HISTORY = NAMESPACE.topic("history.events");

	static final String PROJECTOR = "projector-" + NAMESPACE.id();

	static final String AUDITOR = "auditor-" + NAMESPACE.id();

	private static final String EDITED = CloudEvent.type("content", "post", "edited");

	@DynamicPropertySource
	static void topics(DynamicPropertyRegistry registry) {
		for (String topic : List.of(EVENTS, RAW, HISTORY)) {
			registry.add("chorus.kafka.topics[" + topic + "].partitions", () -> 3);
		}
	}

	@Autowired
	private EventPublisher publisher;

	@Autowired
	private CloudEventFactory events;

	@Autowired
	private CloudEventCodec codec;

	@Autowired
	private Recorder recorder;

	@Autowired
	private ReplayTool replay;

	@Autowired
	private MeterRegistry meters;

	@Test
	void aDuplicateDeliveryIsAppliedOnce() {
		CloudEvent event = this.events.create(EDITED, "post-dup", Map.of("revision", 1));
		double duplicatesBefore = outcomes(EVENTS, "duplicate");

		this.publisher.publish(EVENTS, event).block();
		await().atMost(Duration.ofSeconds(30)).until(() -> this.recorder.applied(PROJECTOR, event) == 1);
		this.publisher.publish(EVENTS, event).block();

		await().atMost(Duration.ofSeconds(30)).until(() -> outcomes(EVENTS, "duplicate") == duplicatesBefore + 1);
		assertThat(this.recorder.applied(PROJECTOR, event)).isOne();
		assertThat(this.recorder.attempts(PROJECTOR, event)).isOne();
	}

	@Test
	void aPoisonEventIsDeadLetteredAfterItsAttemptsAndAppliedOnceReplayedAfterAFix(TestNamespace namespace) {
		CloudEvent poison = this.events.create(EDITED, "post-poison", Map.of("poison", true));

		this.publisher.publish(EVENTS, poison).block();

		ConsumerRecord<String, byte[]> deadLetter = readOne(namespace, DeadLetters.topic(EVENTS, PROJECTOR),
				"post-poison");
		assertThat(deadLetter.value()).isEqualTo(this.codec.encode(poison));
		assertThat(header(deadLetter, DeadLetters.ATTEMPTS)).isEqualTo("3");
		assertThat(header(deadLetter, DeadLetters.ERROR_CLASS)).isEqualTo(IllegalStateException.class.getName());
		assertThat(header(deadLetter, DeadLetters.ERROR_MESSAGE)).isEqualTo("cannot apply " + poison.id());
		assertThat(header(deadLetter, DeadLetters.ORIGINAL_TOPIC)).isEqualTo(EVENTS);
		assertThat(header(deadLetter, DeadLetters.ORIGINAL_PARTITION)).matches("[0-2]");
		assertThat(header(deadLetter, DeadLetters.ORIGINAL_OFFSET)).matches("\\d+");
		assertThat(header(deadLetter, DeadLetters.GROUP)).isEqualTo(PROJECTOR);
		assertThat(Instant.parse(header(deadLetter, DeadLetters.FAILED_AT))).isAfter(poison.time());
		assertThat(this.recorder.attempts(PROJECTOR, poison)).isEqualTo(3);
		assertThat(this.recorder.applied(PROJECTOR, poison)).isZero();

		this.recorder.fix(poison);
		DeadLetterReplay replayed = this.replay.replayDeadLetters(EVENTS, PROJECTOR).block();

		assertThat(replayed).isEqualTo(new DeadLetterReplay(DeadLetters.topic(EVENTS, PROJECTOR), 1));
		await().atMost(Duration.ofSeconds(30)).until(() -> this.recorder.applied(PROJECTOR, poison) == 1);
		assertThat(this.replay.replayDeadLetters(EVENTS, PROJECTOR).block().replayed()).isZero();
		try (TopicReader reader = new TopicReader(namespace.kafka().bootstrapServers(), EVENTS)) {
			List<ConsumerRecord<String, byte[]>> copies = reader.readFor(Duration.ofSeconds(2))
				.stream()
				.filter(r -> r.key().equals("post-poison"))
				.toList();
			assertThat(copies).hasSize(2); // the original and exactly one replayed copy
			assertThat(copies.get(1).value()).isEqualTo(copies.get(0).value());
			assertThat(copies.get(1).timestamp()).isEqualTo(copies.get(0).timestamp());
			assertThat(copies.get(1).headers().toArray()).noneMatch(h -> h.key().startsWith(DeadLetters.HEADER_PREFIX));
		}
		assertThat(this.recorder.applied(PROJECTOR, poison)).isOne();
	}

	@Test
	void anUndecodableRecordGoesStraightToTheDeadLetterTopic(TestNamespace namespace) {
		this.publisher.send(new ProducerRecord<>(RAW, "raw-1", "{not json".getBytes(StandardCharsets.UTF_8))).block();

		ConsumerRecord<String, byte[]> deadLetter = readOne(namespace, DeadLetters.topic(RAW, PROJECTOR), "raw-1");

		assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
		assertThat(header(deadLetter, DeadLetters.ATTEMPTS)).isEqualTo("0");
		assertThat(header(deadLetter, DeadLetters.ERROR_CLASS)).isEqualTo(InvalidEventException.class.getName());
		assertThat(header(deadLetter, DeadLetters.ERROR_MESSAGE)).startsWith("not valid JSON");
	}

	@Test
	void rewindingOneGroupRedeliversToThatGroupOnly(@Autowired @Qualifier("projector") EventConsumer projector,
			@Autowired @Qualifier("chorusKafkaAdmin") Admin admin) throws InterruptedException {
		Instant from = Instant.now();
		CloudEvent first = this.events.create(EDITED, "history-1", Map.of("revision", 1));
		CloudEvent second = this.events.create(EDITED, "history-2", Map.of("revision", 1));
		this.publisher.publish(HISTORY, first).then(this.publisher.publish(HISTORY, second)).block();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> Set.of(first, second)
				.stream()
				.allMatch(e -> this.recorder.applied(PROJECTOR, e) == 1 && this.recorder.applied(AUDITOR, e) == 1));

		assertThatThrownBy(() -> this.replay.rewind(HISTORY, AUDITOR, from).block())
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("active member");

		CountDownLatch stopped = new CountDownLatch(1);
		projector.stop(stopped::countDown);
		assertThat(stopped.await(30, TimeUnit.SECONDS)).isTrue();
		try {
			await().atMost(Duration.ofSeconds(30))
				.until(() -> admin.describeConsumerGroups(List.of(PROJECTOR)).all().get().get(PROJECTOR).members().isEmpty());
			Rewind rewind = this.replay.rewind(HISTORY, PROJECTOR, from).block();
			assertThat(rewind.offsets()).containsOnlyKeys(0, 1, 2);
			assertThat(rewind.forgottenDedupeEntries()).isGreaterThanOrEqualTo(2);
		}
		finally {
			projector.start();
		}

		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.recorder.applied(PROJECTOR, first) == 2 && this.recorder.applied(PROJECTOR, second) == 2);
		assertThat(this.recorder.applied(AUDITOR, first)).isOne();
		assertThat(this.recorder.applied(AUDITOR, second)).isOne();
	}

	private double outcomes(String topic, String outcome) {
		var counter = this.meters.find("chorus.consumer.events")
			.tags("group", PROJECTOR, "topic", topic, "outcome", outcome)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static ConsumerRecord<String, byte[]> readOne(TestNamespace namespace, String topic, String key) {
		try (TopicReader reader = new TopicReader(namespace.kafka().bootstrapServers(), topic)) {
			return reader
				.readUntil(records -> records.stream().anyMatch(r -> key.equals(r.key())), Duration.ofSeconds(60))
				.stream()
				.filter(r -> key.equals(r.key()))
				.findFirst()
				.orElseThrow();
		}
	}

	private static String header(ConsumerRecord<String, byte[]> record, String name) {
		String value = DeadLetters.header(record.headers(), name);
		assertThat(value).as(name).isNotNull();
		return value;
	}

	/** What the handlers did, per group and event id. Poison events fail until fixed. */
	static final class Recorder {

		private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

		private final Map<String, AtomicInteger> applied = new ConcurrentHashMap<>();

		private final Set<String> fixed = ConcurrentHashMap.newKeySet();

		Mono<Void> apply(String group, CloudEvent event) {
			return Mono.defer(() -> {
				count(this.attempts, group, event);
				if (event.data().has("poison") && !this.fixed.contains(event.id())) {
					return Mono.error(new IllegalStateException("cannot apply " + event.id()));
				}
				count(this.applied, group, event);
				return Mono.empty();
			});
		}

		void fix(CloudEvent event) {
			this.fixed.add(event.id());
		}

		int attempts(String group, CloudEvent event) {
			return get(this.attempts, group, event);
		}

		int applied(String group, CloudEvent event) {
			return get(this.applied, group, event);
		}

		private static void count(Map<String, AtomicInteger> counts, String group, CloudEvent event) {
			counts.computeIfAbsent(group + "/" + event.id(), k -> new AtomicInteger()).incrementAndGet();
		}

		private static int get(Map<String, AtomicInteger> counts, String group, CloudEvent event) {
			AtomicInteger count = counts.get(group + "/" + event.id());
			return (count != null) ? count.get() : 0;
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Consumers {

		@Bean
		Recorder recorder() {
			return new Recorder();
		}

		@Bean
		EventConsumer projector(EventConsumers consumers, Recorder recorder) {
			return consumers.consume(EVENTS, RAW, HISTORY)
				.group(PROJECTOR)
				.maxAttempts(3)
				.backoff(Duration.ofMillis(50), Duration.ofMillis(200))
				.handler(event -> recorder.apply(PROJECTOR, event))
				.build();
		}

		@Bean
		EventConsumer auditor(EventConsumers consumers, Recorder recorder) {
			return consumers.consume(HISTORY).group(AUDITOR).handler(event -> recorder.apply(AUDITOR, event)).build();
		}

	}

}
