package io.chorus.search.testing;

import java.time.Duration;

import io.chorus.platform.events.CloudEventCodec;
import io.chorus.platform.events.CloudEventFactory;
import io.chorus.platform.events.kafka.EventPublisher;
import io.chorus.search.SearchApplication;
import io.chorus.search.config.SearchProperties;
import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import io.chorus.testkit.passport.TestPassports;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The search service on a random port with the in-JVM Kafka broker, the Mongo wire server and
 * Redis (dedupe keys). Topics and the consumer group are per test class; tests publish
 * CloudEvents as content and music would and read the index back over HTTP.
 */
@SpringBootTest(classes = { SearchApplication.class, IntegrationTestBase.Topics.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0",
				"chorus.search.content-topic=content.events.${chorus.testkit.namespace}",
				"chorus.search.music-topic=music.events.${chorus.testkit.namespace}",
				"chorus.search.consumer-group=search-${chorus.testkit.namespace}",
				"chorus.consumer.initial-backoff=50ms", "chorus.consumer.max-backoff=200ms",
				"chorus.consumer.commit-interval=200ms" })
@ChorusInfrastructure({ Infra.REDIS, Infra.KAFKA, Infra.MONGO })
public abstract class IntegrationTestBase {

	protected static final TestPassports passports = new TestPassports();

	@LocalServerPort
	protected int port;

	@Autowired
	private EventPublisher publisher;

	@Autowired
	private CloudEventFactory factory;

	@Autowired
	private CloudEventCodec codec;

	@Autowired
	protected SearchProperties properties;

	@Autowired
	private MeterRegistry meters;

	protected SearchClient client;

	protected PublishedEvents events;

	@DynamicPropertySource
	static void passportKeys(DynamicPropertyRegistry registry) {
		registry.add("chorus.passport.public-jwks", passports::publicJwks);
	}

	@BeforeEach
	void connect() {
		this.client = new SearchClient(WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(20))
			.build());
		this.events = new PublishedEvents(this.publisher, this.factory, this.codec, this.properties.contentTopic(),
				this.properties.musicTopic());
	}

	/** How many records of {@code topic} the consumer finished with {@code outcome} (processed, duplicate, dead_lettered). */
	protected double consumed(String topic, String outcome) {
		return this.meters.find("chorus.consumer.events")
			.tags("topic", topic, "outcome", outcome)
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	/** Unique word for one test, so tests sharing the class's index do not see each other's documents. */
	protected static String word(String stem) {
		return stem + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
	}

	/** The consumed topics exist before the consumer starts (as content and music declare them). */
	@TestConfiguration(proxyBeanMethods = false)
	static class Topics {

		@Bean
		TopicsCreated searchTestTopics(TestNamespace namespace, SearchProperties properties) {
			namespace.kafka().createTopics(2, properties.contentTopic(), properties.musicTopic());
			return new TopicsCreated();
		}

	}

	record TopicsCreated() {
	}

}
