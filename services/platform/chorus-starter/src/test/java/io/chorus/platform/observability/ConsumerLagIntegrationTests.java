package io.chorus.platform.observability;

import java.time.Duration;
import java.util.Map;

import io.chorus.platform.events.CloudEvent;
import io.chorus.platform.events.CloudEventFactory;
import io.chorus.platform.events.EventsTestApplication;
import io.chorus.platform.events.consumer.EventConsumer;
import io.chorus.platform.events.consumer.EventConsumers;
import io.chorus.platform.events.kafka.EventPublisher;
import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Sinks;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code chorus.consumer.lag{group,topic,partition}} counts records not yet done: fetched but
 * waiting or in progress ones included, back to 0 once they are processed.
 */
@SpringBootTest(classes = { EventsTestApplication.class, ConsumerLagIntegrationTests.Consumer.class },
		properties = { "spring.autoconfigure.exclude="
				+ "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration,"
				+ "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
				+ "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
				"chorus.consumer.dedupe-store=in-memory", "chorus.consumer.lag-interval=200ms" })
@ChorusInfrastructure({ Infra.REDIS, Infra.KAFKA })
class ConsumerLagIntegrationTests {

	private static final TestNamespace NAMESPACE = TestNamespace.of(ConsumerLagIntegrationTests.class);

	static final String TOPIC = NAMESPACE.topic("lagging.events");

	static final String GROUP = "lagging-" + NAMESPACE.id();

	/** Every record waits here until the test opens it. */
	static final Sinks.Empty<Void> gate = Sinks.empty();

	@DynamicPropertySource
	static void topics(DynamicPropertyRegistry registry) {
		registry.add("chorus.kafka.topics[" + TOPIC + "].partitions", () -> 1);
	}

	@Autowired
	private EventPublisher publisher;

	@Autowired
	private CloudEventFactory events;

	@Autowired
	private MeterRegistry meters;

	private double lag() {
		Gauge gauge = this.meters.find("chorus.consumer.lag")
			.tags("group", GROUP, "topic", TOPIC, "partition", "0")
			.gauge();
		return (gauge != null) ? gauge.value() : -1;
	}

	@Test
	void lagCountsRecordsNotYetProcessedAndDrainsToZero() {
		for (int i = 0; i < 4; i++) {
			CloudEvent event = this.events.create(CloudEvent.type("test", "thing", "happened"), "thing-1",
					Map.of("n", i));
			this.publisher.publish(TOPIC, event).block(Duration.ofSeconds(30));
		}

		await().atMost(Duration.ofSeconds(30)).until(this::lag, (lag) -> lag == 4);

		gate.tryEmitEmpty();
		await().atMost(Duration.ofSeconds(30)).until(() -> lag() == 0);
		assertThat(this.meters.find("chorus.consumer.lag").gauges()).hasSize(1);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Consumer {

		@Bean
		EventConsumer laggingConsumer(EventConsumers consumers) {
			return consumers.consume(TOPIC).group(GROUP).handler((event) -> gate.asMono()).build();
		}

	}

}
