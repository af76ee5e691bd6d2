package io.chorus.platform.events.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.chorus.platform.events.CloudEvent;
import io.chorus.platform.events.CloudEventFactory;
import io.chorus.platform.events.EventsTestApplication;
import io.chorus.platform.events.kafka.EventPublisher;
import io.chorus.platform.events.support.TopicReader;
import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import io.chorus.testkit.faults.FaultProxy;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A consumer whose own store (here Redis) is down for much longer than its
 * handler's retry budget: the events wait (lag) instead of being dead-lettered, and each is
 * applied exactly once when the store is back.
 */
@SpringBootTest(classes = { EventsTestApplication.class, ConsumerStoreOutageIntegrationTests.Consumers.class },
		properties = { "spring.autoconfigure.exclude="
				+ "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration,"
				+ "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
				+ "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
				// Dedupe elsewhere, so the outage hits the handler itself (a dedupe outage was
				// already waited out).
				"chorus.consumer.dedupe-store=in-memory" })
@ChorusInfrastructure(value = { Infra.REDIS, Infra.KAFKA }, faults = Infra.REDIS)
class ConsumerStoreOutageIntegrationTests {

	private static final TestNamespace NAMESPACE = TestNamespace.of(ConsumerStoreOutageIntegrationTests.class);

	static final String EVENTS = NAMESPACE.topic("orders.events");

	static final String GROUP = "projection-" + NAMESPACE.id();

	@DynamicPropertySource
	static void topics(DynamicPropertyRegistry registry) {
		registry.add("chorus.kafka.topics[" + EVENTS + "].partitions", () -> 2);
	}

	@Autowired
	private EventPublisher publisher;

	@Autowired
	private CloudEventFactory events;

	@Autowired
	private ReactiveStringRedisTemplate redis;

	@Autowired
	private MeterRegistry meters;

	@Value("${chorus.redis.key-prefix}")
	private String prefix;

	@Test
	void eventsWaitOutTheirStoresOutageAndAreAppliedOnceAfterIt(TestNamespace namespace) {
		FaultProxy store = namespace.faultProxy(Infra.REDIS);
		List<CloudEvent> sent = new ArrayList<>();
		store.down();
		try {
			for (int i = 0; i < 5; i++) {
				CloudEvent event = this.events.create(CloudEvent.type("shop", "order", "placed"), "order-" + i,
						Map.of("n", i));
				this.publisher.publish(EVENTS, event).block();
				sent.add(event);
			}
			// The handler's retry budget is ~0.3 s; the outage lasts ten times that.
			await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
				.until(() -> outcomes("dead_lettered") == 0 && outcomes("processed") == 0);
		}
		finally {
			store.up();
		}

		await().atMost(Duration.ofSeconds(60)).until(() -> outcomes("processed") == sent.size());
		for (CloudEvent event : sent) {
			assertThat(this.redis.opsForValue().get(this.prefix + "applied:" + event.id()).block())
				.as("applications of %s", event.id())
				.isEqualTo("1");
		}
		assertThat(outcomes("dead_lettered")).isZero();
		try (TopicReader reader = new TopicReader(namespace.kafka().bootstrapServers(),
				DeadLetters.topic(EVENTS, GROUP))) {
			assertThat(reader.readFor(Duration.ofSeconds(2))).isEmpty();
		}
	}

	private double outcomes(String outcome) {
		var counter = this.meters.find("chorus.consumer.events")
			.tags("group", GROUP, "topic", EVENTS, "outcome", outcome)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Consumers {

		@Bean
		EventConsumer projection(EventConsumers consumers, ReactiveStringRedisTemplate redis,
				@Value("${chorus.redis.key-prefix}") String prefix) {
			return consumers.consume(EVENTS)
				.group(GROUP)
				.maxAttempts(3)
				.backoff(Duration.ofMillis(50), Duration.ofMillis(200))
				.handler(event -> redis.opsForValue().increment(prefix + "applied:" + event.id()).then())
				.build();
		}

	}

}
