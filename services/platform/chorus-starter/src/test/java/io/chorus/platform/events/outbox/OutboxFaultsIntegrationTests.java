package io.chorus.platform.events.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.chorus.platform.events.CloudEvent;
import io.chorus.platform.events.CloudEventCodec;
import io.chorus.platform.events.CloudEventFactory;
import io.chorus.platform.events.EventsTestApplication;
import io.chorus.platform.events.kafka.KafkaClients;
import io.chorus.platform.events.kafka.TopicDeclarations;
import io.chorus.platform.events.support.TopicReader;
import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import io.chorus.testkit.faults.FaultProxy;
import io.chorus.testkit.mariadb.MariaDbDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay against faults that used to stall it: a row Kafka will never accept, and a leader
 * that goes silent without closing its database connection.
 */
@SpringBootTest(classes = EventsTestApplication.class,
		properties = { "spring.flyway.locations=classpath:db/chorus", "chorus.outbox.poll-interval=100ms",
				"chorus.outbox.initial-backoff=100ms", "chorus.outbox.max-backoff=500ms",
				"chorus.outbox.lock-retry-interval=300ms", "chorus.outbox.max-attempts=2",
				"chorus.outbox.lock-timeout=3s", "chorus.kafka.producer.max.request.size=20000",
				"chorus.kafka.producer.max.block.ms=2000", "chorus.kafka.producer.request.timeout.ms=1500",
				"chorus.kafka.producer.delivery.timeout.ms=3000", "chorus.kafka.producer.linger.ms=0",
				"management.endpoints.web.exposure.include=outbox",
				"spring.autoconfigure.exclude=org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration" })
@ChorusInfrastructure({ Infra.MARIADB, Infra.KAFKA })
class OutboxFaultsIntegrationTests {

	private static final String TOPIC = TestNamespace.of(OutboxFaultsIntegrationTests.class).topic("orders.events");

	private static final String PLACED = CloudEvent.type("shop", "order", "placed");

	@DynamicPropertySource
	static void topics(DynamicPropertyRegistry registry) {
		registry.add("chorus.kafka.topics[" + TOPIC + "].partitions", () -> 2);
	}

	@Autowired
	private Outbox outbox;

	@Autowired
	private OutboxRelay relay;

	@Autowired
	private OutboxEndpoint endpoint;

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
	void aRowKafkaNeverAcceptsIsParkedWhileOtherKeysGoOnAndItsKeyWaitsBehindIt(TestNamespace namespace) {
		CloudEvent tooLarge = append("stuck", "x".repeat(30_000));
		CloudEvent behindIt = append("stuck", "small");
		List<CloudEvent> others = List.of(append("free-1", "a"), append("free-2", "b"), append("free-1", "c"));

		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(this.meters.get("chorus.outbox.parked").gauge().value()).isOne());
		assertPublished(namespace, others);

		var parked = this.endpoint.parked().block().get("parked");
		assertThat(parked).singleElement().satisfies(row -> {
			assertThat(row.eventId()).isEqualTo(tooLarge.id());
			assertThat(row.key()).isEqualTo("stuck");
			assertThat(row.attempts()).isEqualTo(2);
			assertThat(row.lastError()).contains("RecordTooLargeException");
		});
		try (TopicReader reader = new TopicReader(namespace.kafka().bootstrapServers(), TOPIC)) {
			assertThat(reader.readFor(Duration.ofSeconds(2))).extracting(ConsumerRecord::key).doesNotContain("stuck");
		}
		assertThat(unsent(behindIt)).as("the later row of the parked key waits").isTrue();
	}

	@Test
	void aLeaderThatGoesSilentWithoutClosingItsConnectionLosesTheLockToAStandby(TestNamespace namespace,
			@Autowired KafkaClients clients, @Autowired TopicDeclarations topics,
			@Autowired OutboxProperties properties) throws InterruptedException {
		FaultProxy network = namespace.faultProxy(Infra.MARIADB);
		MariaDbDatabase database = namespace.mariaDb();
		ConnectionFactory throughProxy = ConnectionFactories
			.get(ConnectionFactoryOptions.parse("r2dbc:mysql://" + network.host() + ":" + network.port() + "/"
					+ database.name())
				.mutate()
				.option(ConnectionFactoryOptions.USER, database.username())
				.option(ConnectionFactoryOptions.PASSWORD, database.password())
				.build());
		stop(this.relay);
		OutboxRelay zombie = new OutboxRelay(throughProxy, this.db, clients, topics, properties,
				new SimpleMeterRegistry());
		zombie.start();
		try {
			List<CloudEvent> written = new ArrayList<>(List.of(append("z-1", "first")));
			assertPublished(namespace, written); // the proxied relay leads
			this.relay.start(); // stands by: the lock is taken

			network.hang(); // the leader's host drops off the network; its connection stays open
			for (int i = 0; i < 5; i++) {
				written.add(append("z-" + (i % 2), "after-" + i));
			}

			assertPublished(namespace, written);
		}
		finally {
			network.up();
			stop(zombie);
			this.relay.start();
		}
	}

	private CloudEvent append(String key, String text) {
		CloudEvent event = this.events.create(PLACED, key, Map.of("text", text));
		TransactionalOperator.create(this.transactions).transactional(this.outbox.append(TOPIC, event)).block();
		return event;
	}

	private boolean unsent(CloudEvent event) {
		Long count = this.db.sql("SELECT COUNT(*) FROM chorus_outbox WHERE event_id = :id AND sent_at IS NULL")
			.bind("id", event.id())
			.map(row -> row.get(0, Long.class))
			.one()
			.block();
		return count != null && count == 1;
	}

	/** Each event exactly once. */
	private void assertPublished(TestNamespace namespace, List<CloudEvent> expected) {
		Set<String> ids = expected.stream().map(CloudEvent::id).collect(Collectors.toSet());
		try (TopicReader reader = new TopicReader(namespace.kafka().bootstrapServers(), TOPIC)) {
			reader.readUntil(records -> records.stream()
				.map(r -> this.codec.decode(r.value()).id())
				.collect(Collectors.toSet())
				.containsAll(ids), Duration.ofSeconds(60));
			List<String> published = reader.readFor(Duration.ofSeconds(1))
				.stream()
				.map(r -> this.codec.decode(r.value()).id())
				.filter(ids::contains)
				.toList();
			assertThat(published).doesNotHaveDuplicates().hasSameSizeAs(expected);
		}
	}

	private static void stop(OutboxRelay relay) throws InterruptedException {
		CountDownLatch stopped = new CountDownLatch(1);
		relay.stop(stopped::countDown);
		assertThat(stopped.await(60, TimeUnit.SECONDS)).isTrue();
	}

}
