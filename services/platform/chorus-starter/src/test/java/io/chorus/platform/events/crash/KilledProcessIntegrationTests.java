package io.chorus.platform.events.crash;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.chorus.platform.events.CloudEvent;
import io.chorus.platform.events.CloudEventCodec;
import io.chorus.platform.events.CloudEventFactory;
import io.chorus.platform.events.EventIds;
import io.chorus.platform.events.kafka.EventRecords;
import io.chorus.platform.events.support.TopicReader;
import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service process killed with SIGKILL (no shutdown hook, no graceful stop: a killed pod) in the
 * middle of consuming a batch and relaying its outbox, then started again. Every consumed event
 * has its effect exactly once (the total is right and nothing is missing) and every forwarded
 * event reaches the next topic: nothing lost, nothing applied twice.
 */
@ChorusInfrastructure({ Infra.MARIADB, Infra.REDIS, Infra.KAFKA })
class KilledProcessIntegrationTests {

	private static final int EVENTS = 300;

	@Test
	void aKilledServiceLosesNoEventAndAppliesNoneTwice(TestNamespace namespace) throws Exception {
		String in = namespace.createTopic("crash.in", 3);
		String out = namespace.createTopic("crash.out", 3);
		List<CloudEvent> sent = publish(namespace, in);
		long expectedTotal = (long) EVENTS * (EVENTS + 1) / 2;
		DatabaseClient db = DatabaseClient.create(connections(namespace));

		Process first = start(namespace, in, out, "first");
		try {
			Awaitility.await()
				.atMost(Duration.ofMinutes(3))
				.pollInterval(Duration.ofMillis(100))
				.ignoreExceptions() // the tables appear with the app's migration
				.until(() -> applied(db) >= EVENTS / 5);
		}
		finally {
			first.destroyForcibly(); // SIGKILL
			first.waitFor();
		}
		long atKill = applied(db);
		assertThat(atKill).as("killed mid-stream").isLessThan(EVENTS);

		Process second = start(namespace, in, out, "second");
		try {
			Awaitility.await()
				.atMost(Duration.ofMinutes(3))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> applied(db) == EVENTS);
			assertThat(total(db)).as("each amount added once").isEqualTo(expectedTotal);

			Set<String> expected = sent.stream().map(CloudEvent::id).collect(Collectors.toSet());
			CloudEventCodec codec = new CloudEventCodec();
			try (TopicReader reader = new TopicReader(namespace.kafka().bootstrapServers(), out)) {
				reader.readUntil((records) -> sources(records, codec).containsAll(expected), Duration.ofMinutes(2));
			}
		}
		finally {
			second.destroy();
			second.waitFor();
		}
		assertThat(applied(db)).isEqualTo(EVENTS);
		assertThat(total(db)).isEqualTo(expectedTotal);
	}

	private static Set<String> sources(List<ConsumerRecord<String, byte[]>> records, CloudEventCodec codec) {
		Set<String> sources = new HashSet<>();
		records.forEach((r) -> sources.add(codec.decode(r.value()).data().get("source").asString()));
		return sources;
	}

	private static List<CloudEvent> publish(TestNamespace namespace, String topic) {
		CloudEventFactory factory = new CloudEventFactory("/chorus/crash-test", new EventIds(), Clock.systemUTC(),
				JsonMapper.shared());
		CloudEventCodec codec = new CloudEventCodec();
		List<CloudEvent> sent = new ArrayList<>();
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, namespace.kafka().bootstrapServers(),
						ProducerConfig.ACKS_CONFIG, "all"),
				new StringSerializer(), new ByteArraySerializer())) {
			for (int i = 1; i <= EVENTS; i++) {
				CloudEvent event = factory.create(CloudEvent.type("crash", "event", "happened"), "key-" + (i % 10),
						Map.of("amount", i));
				producer.send(EventRecords.record(topic, event.subject(), codec.encode(event), event.time(), Map.of()));
				sent.add(event);
			}
			producer.flush();
		}
		return sent;
	}

	/** The app in a JVM of its own, on this test's class path and infrastructure. */
	private static Process start(TestNamespace namespace, String in, String out, String name) throws Exception {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), ForwardingApp.class.getName()));
		Map<String, String> properties = new LinkedHashMap<>(
				namespace.springProperties(EnumSet.of(Infra.MARIADB, Infra.REDIS, Infra.KAFKA)));
		properties.put("spring.main.web-application-type", "none");
		properties.put("spring.flyway.locations", "classpath:db/chorus,classpath:db/crash");
		properties.put("chorus.kafka.topics[" + in + "].partitions", "3");
		properties.put("chorus.kafka.topics[" + out + "].partitions", "3");
		properties.put("crash.in", in);
		properties.put("crash.out", out);
		properties.put("crash.group", "forwarder-" + namespace.id());
		properties.put("chorus.consumer.commit-interval", "200ms");
		properties.put("chorus.outbox.poll-interval", "100ms");
		properties.put("chorus.outbox.lock-timeout", "3s"); // the killed leader's lock goes quickly
		properties.put("chorus.outbox.lock-retry-interval", "300ms");
		properties.put("chorus.logging.format", "plain");
		properties.put("logging.level.org.apache.kafka", "WARN");
		properties.forEach((key, value) -> command.add("--" + key + "=" + value));
		Path logs = Files.createDirectories(Path.of("target", "crash-logs"));
		File log = logs.resolve(name + "-" + namespace.id() + ".log").toFile();
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
	}

	private static ConnectionFactory connections(TestNamespace namespace) {
		var db = namespace.mariaDb();
		return ConnectionFactories.get(ConnectionFactoryOptions.parse(db.r2dbcUrl())
			.mutate()
			.option(ConnectionFactoryOptions.USER, db.username())
			.option(ConnectionFactoryOptions.PASSWORD, db.password())
			.build());
	}

	private static long applied(DatabaseClient db) {
		return db.sql("SELECT COUNT(*) FROM crash_applied").map((row) -> row.get(0, Long.class)).one().block();
	}

	private static long total(DatabaseClient db) {
		return db.sql("SELECT n FROM crash_total WHERE id = 1").map((row) -> row.get(0, Long.class)).one().block();
	}

}
