package io.chorus.platform.events.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.chorus.platform.events.CloudEvent;
import io.chorus.platform.events.CloudEventCodec;
import io.chorus.platform.events.CloudEventFactory;
import io.chorus.platform.events.EventHeaders;
import io.chorus.platform.events.EventsTestApplication;
import io.chorus.platform.events.consumer.DeadLetters;
import io.chorus.platform.events.kafka.KafkaClients;
import io.chorus.platform.events.kafka.TopicDeclarations;
import io.chorus.platform.events.support.TopicReader;
import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import io.chorus.testkit.kafka.KafkaBroker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.r2dbc.spi.ConnectionFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The outbox against real MariaDB (schema from the Flyway migration) and the in-JVM Kafka broker.
 * Producer timeouts are shortened so that a stopped broker turns into failed batches within
 * seconds instead of minutes. No Redis here: its auto-configuration is left out, since the starter
 * connects Redis at start-up wherever it is configured.
 */
@SpringBootTest(classes = EventsTestApplication.class,
		properties = { "spring.flyway.locations=classpath:db/chorus,classpath:db/migration",
				"chorus.outbox.poll-interval=100ms", "chorus.outbox.initial-backoff=200ms",
				"chorus.outbox.max-backoff=1s", "chorus.outbox.lock-retry-interval=300ms",
				"chorus.outbox.batch-size=7", "chorus.kafka.producer.max.block.ms=2000",
				"chorus.kafka.producer.request.timeout.ms=1500", "chorus.kafka.producer.delivery.timeout.ms=3000",
				"chorus.kafka.producer.linger.ms=0",
				"spring.autoconfigure.exclude=org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration" })
@ChorusInfrastructure({ Infra.MARIADB, Infra.KAFKA })
class OutboxIntegrationTests {

	private static final String TOPIC = TestNamespace.of(OutboxIntegrationTests.class).topic("content.events");

	private static final String CREATED = CloudEvent.type("content", "post", "created");

	@DynamicPropertySource
	static void topics(DynamicPropertyRegistry registry) {
		registry.add("chorus.kafka.topics[" + TOPIC + "].partitions", () -> 3);
	}

	@Autowired
	private Outbox outbox;

	@Autowired
	private OutboxRelay relay;

	@Autowired
	private CloudEventFactory events;

	@Autowired
	private CloudEventCodec codec;

	@Autowired
	private DatabaseClient db;

	@Autowired
	private ReactiveTransactionManager transactions;

	@Autowired
	private MeterRegistry meters;

	@Test
	void businessRowAndEventCommitTogether(TestNamespace namespace) {
		CloudEvent event = this.events.create(CREATED, "post-commit", Map.of("title", "hello"));

		createPost("post-commit", event, false).block();

		assertThat(count("SELECT COUNT(*) FROM test_post WHERE id = 'post-commit'")).isOne();
		assertThat(count("SELECT COUNT(*) FROM chorus_outbox WHERE record_key = 'post-commit'")).isOne();
		try (TopicReader reader = new TopicReader(namespace.kafka().bootstrapServers(), TOPIC)) {
			ConsumerRecord<String, byte[]> record = reader
				.readUntil(records -> records.stream().anyMatch(r -> r.key().equals("post-commit")), Duration.ofSeconds(30))
				.stream()
				.filter(r -> r.key().equals("post-commit"))
				.findFirst()
				.orElseThrow();
			assertThat(this.codec.decode(record.value())).isEqualTo(event);
			assertThat(record.timestamp()).isEqualTo(event.time().toEpochMilli());
			assertThat(DeadLetters.header(record.headers(), EventHeaders.CONTENT_TYPE))
				.isEqualTo(CloudEventCodec.STRUCTURED_CONTENT_TYPE);
		}
	}

	@Test
	void rollbackLeavesNeitherRowNorEvent() {
		CloudEvent event = this.events.create(CREATED, "post-rollback", Map.of("title", "never"));

		assertThatThrownBy(() -> createPost("post-rollback", event, true).block()).hasMessageContaining("rule failed");

		assertThat(count("SELECT COUNT(*) FROM test_post WHERE id = 'post-rollback'")).isZero();
		assertThat(count("SELECT COUNT(*) FROM chorus_outbox WHERE record_key = 'post-rollback'")).isZero();
	}

	@Test
	void rowsWrittenWhileKafkaIsDownArePublishedOnceInPerKeyOrder(TestNamespace namespace) {
		KafkaBroker broker = namespace.kafka();
		// One event through first, so the relay's transactional producer is live when the broker
		// goes: the failures below are then sends and commits timing out, not just start-up.
		List<CloudEvent> warmUp = List.of(this.events.create(CREATED, "down-warm-up", Map.of("title", "first")));
		inTransaction(this.outbox.append(TOPIC, warmUp.get(0))).block();
		assertPublishedOnceInOrder(namespace, warmUp, "down-warm-up");
		double failuresBefore = this.meters.counter("chorus.outbox.publish.failures").count();
		List<CloudEvent> written = new ArrayList<>();
		broker.stop();
		try {
			for (int i = 0; i < 30; i++) {
				// three keys, interleaved: per-key order is what must survive
				CloudEvent event = this.events.create(CloudEvent.type("content", "post", "edited"), "down-" + (i % 3),
						Map.of("revision", i));
				written.add(event);
				inTransaction(this.outbox.append(TOPIC, event)).block();
			}
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(this.meters.counter("chorus.outbox.publish.failures").count())
					.isGreaterThan(failuresBefore));
			assertThat(count("SELECT COUNT(*) FROM chorus_outbox WHERE record_key LIKE 'down-%' AND sent_at IS NULL"))
				.isEqualTo(30);
			assertThat(count("SELECT COUNT(*) FROM chorus_outbox WHERE last_error IS NOT NULL AND sent_at IS NULL"))
				.isPositive();
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(this.relay.backlog()).isGreaterThanOrEqualTo(30));
			// the relay's delay: how long the oldest unpublished event has been waiting
			assertThat(this.meters.get("chorus.outbox.oldest.age").gauge().value()).isPositive();
		}
		finally {
			broker.start();
		}

		assertPublishedOnceInOrder(namespace, written, "down-");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.relay.backlog()).isZero());
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.meters.get("chorus.outbox.oldest.age").gauge().value()).isZero());
		assertThat(count("SELECT COUNT(*) FROM chorus_outbox WHERE record_key LIKE 'down-%' AND sent_at IS NULL"))
			.isZero();
	}

	@Test
	void aStandbyReplicaTakesOverWithoutDuplicates(TestNamespace namespace, @Autowired ConnectionFactory connections,
			@Autowired KafkaClients clients, @Autowired TopicDeclarations topics, @Autowired OutboxProperties properties)
			throws InterruptedException {
		OutboxRelay standby = new OutboxRelay(OutboxAutoConfiguration.unpooled(connections), this.db, clients, topics,
				properties, new SimpleMeterRegistry());
		standby.start();
		List<CloudEvent> written = new ArrayList<>();
		try {
			appendBatch(written, 0, 12);
			assertPublishedOnceInOrder(namespace, written, "replica-");

			CountDownLatch stopped = new CountDownLatch(1);
			this.relay.stop(stopped::countDown); // the leader goes away: the standby must take over
			assertThat(stopped.await(30, TimeUnit.SECONDS)).isTrue();
			appendBatch(written, 12, 24);
			assertPublishedOnceInOrder(namespace, written, "replica-");
		}
		finally {
			CountDownLatch stopped = new CountDownLatch(1);
			standby.stop(stopped::countDown);
			assertThat(stopped.await(30, TimeUnit.SECONDS)).isTrue();
			this.relay.start();
		}
	}

	private void appendBatch(List<CloudEvent> written, int from, int to) {
		for (int i = from; i < to; i++) {
			CloudEvent event = this.events.create(CloudEvent.type("content", "post", "edited"), "replica-" + (i % 4),
					Map.of("revision", i));
			written.add(event);
			inTransaction(this.outbox.append(TOPIC, event)).block();
		}
	}

	/** Every written event exactly once, and for each key in the order written. */
	private void assertPublishedOnceInOrder(TestNamespace namespace, List<CloudEvent> written, String keyPrefix) {
		Set<String> ids = written.stream().map(CloudEvent::id).collect(Collectors.toSet());
		Function<List<ConsumerRecord<String, byte[]>>, List<CloudEvent>> ours = records -> records.stream()
			.filter(r -> r.key().startsWith(keyPrefix))
			.map(r -> this.codec.decode(r.value()))
			.filter(e -> ids.contains(e.id()))
			.toList();
		try (TopicReader reader = new TopicReader(namespace.kafka().bootstrapServers(), TOPIC)) {
			reader.readUntil(records -> Set.copyOf(ours.apply(records).stream().map(CloudEvent::id).toList())
				.containsAll(ids), Duration.ofSeconds(60));
			List<CloudEvent> published = ours.apply(reader.readFor(Duration.ofSeconds(2)));

			assertThat(published).extracting(CloudEvent::id).doesNotHaveDuplicates().hasSameSizeAs(written);
			assertThat(byKey(published)).isEqualTo(byKey(written));
		}
	}

	private static Map<String, List<String>> byKey(List<CloudEvent> events) {
		Map<String, List<String>> byKey = new LinkedHashMap<>();
		events.stream()
			.sorted((a, b) -> a.subject().compareTo(b.subject()))
			.forEach(e -> byKey.computeIfAbsent(e.subject(), k -> new ArrayList<>()).add(e.id()));
		return byKey;
	}

	private Mono<Void> createPost(String id, CloudEvent event, boolean failAfterwards) {
		Mono<Void> work = this.db.sql("INSERT INTO test_post (id, title) VALUES (:id, :title)")
			.bind("id", id)
			.bind("title", event.data().get("title").stringValue())
			.then()
			.then(this.outbox.append(TOPIC, event))
			.then(failAfterwards ? Mono.error(new IllegalStateException("business rule failed")) : Mono.empty());
		return inTransaction(work);
	}

	private <T> Mono<T> inTransaction(Mono<T> work) {
		return TransactionalOperator.create(this.transactions).transactional(work);
	}

	private long count(String sql) {
		Long value = this.db.sql(sql).map(row -> row.get(0, Long.class)).one().block();
		return (value != null) ? value : -1;
	}

}
