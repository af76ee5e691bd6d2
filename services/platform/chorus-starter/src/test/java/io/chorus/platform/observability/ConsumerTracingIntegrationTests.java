package io.chorus.platform.observability;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.chorus.platform.events.CloudEvent;
import io.chorus.platform.events.CloudEventFactory;
import io.chorus.platform.events.EventsTestApplication;
import io.chorus.platform.events.consumer.EventConsumer;
import io.chorus.platform.events.consumer.EventConsumers;
import io.chorus.platform.events.kafka.EventPublisher;
import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import io.chorus.testkit.tracing.InMemorySpans;
import io.chorus.testkit.tracing.InMemorySpansConfiguration;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One trace from producer to consumer: the record carries the producer's W3C
 * {@code traceparent}, the consumer processes it in a child span, and the handler's log lines
 * (also after a thread hop) carry that traceId.
 */
@SpringBootTest(classes = { EventsTestApplication.class, ConsumerTracingIntegrationTests.Consumer.class },
		properties = { "spring.autoconfigure.exclude="
				+ "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration,"
				+ "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
				+ "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
				"chorus.consumer.dedupe-store=in-memory",
				// Every span recorded (the default samples 10 %), and MDC restored on every Reactor
				// operator (the default "limited" mode does not restore it after a thread hop).
				"management.tracing.sampling.probability=1.0", "spring.reactor.context-propagation=auto" })
@ChorusInfrastructure({ Infra.REDIS, Infra.KAFKA })
@ExtendWith(OutputCaptureExtension.class)
class ConsumerTracingIntegrationTests {

	private static final TestNamespace NAMESPACE = TestNamespace.of(ConsumerTracingIntegrationTests.class);

	static final String TOPIC = NAMESPACE.topic("traced.events");

	private static final Log log = LogFactory.getLog(ConsumerTracingIntegrationTests.class);

	@DynamicPropertySource
	static void topics(DynamicPropertyRegistry registry) {
		registry.add("chorus.kafka.topics[" + TOPIC + "].partitions", () -> 1);
	}

	@Autowired
	private EventPublisher publisher;

	@Autowired
	private CloudEventFactory events;

	@Autowired
	private ObservationRegistry observations;

	@Autowired
	private Tracer tracer;

	@Autowired
	private InMemorySpans spans;

	@Autowired
	private Seen seen;

	@Test
	void theConsumerSpanIsAChildOfTheProducersSpanAndHandlerLogsCarryItsTraceId(CapturedOutput output) {
		CloudEvent event = this.events.create(CloudEvent.type("test", "thing", "happened"), "thing-1", Map.of("n", 1));
		Observation request = Observation.start("test.request", this.observations);
		Span requestSpan;
		try (Observation.Scope scope = request.openScope()) {
			requestSpan = this.tracer.currentSpan();
		}
		assertThat(requestSpan).isNotNull();
		String traceId = requestSpan.context().traceId();

		this.publisher.publish(TOPIC, event)
			.contextWrite((ctx) -> ctx.put(ObservationThreadLocalAccessor.KEY, request))
			.block(Duration.ofSeconds(30));
		request.stop();

		await().atMost(Duration.ofSeconds(30)).until(() -> this.seen.afterHop.containsKey(event.id()));
		assertThat(this.seen.assembling.get(event.id())).isEqualTo(traceId);
		assertThat(this.seen.afterHop.get(event.id())).isEqualTo(traceId);

		await().atMost(Duration.ofSeconds(10)).until(() -> !this.spans.named(TOPIC + " process").isEmpty());
		SpanData consumer = this.spans.named(TOPIC + " process").get(0);
		assertThat(consumer.getTraceId()).isEqualTo(traceId);
		assertThat(consumer.getParentSpanId()).isEqualTo(requestSpan.context().spanId());
		assertThat(this.spans.byTraceId(traceId)).extracting(SpanData::getName).contains("test.request");

		await().atMost(Duration.ofSeconds(10))
			.until(() -> output.getAll().lines().anyMatch((line) -> line.contains("applied " + event.id())
					&& line.contains(traceId)));
	}

	static final class Seen {

		final Map<String, String> assembling = new ConcurrentHashMap<>();

		final Map<String, String> afterHop = new ConcurrentHashMap<>();

	}

	@TestConfiguration(proxyBeanMethods = false)
	@Import(InMemorySpansConfiguration.class)
	static class Consumer {

		@Bean
		Seen seen() {
			return new Seen();
		}

		@Bean
		EventConsumer tracedConsumer(EventConsumers consumers, Seen seen) {
			return consumers.consume(TOPIC).group("traced-" + NAMESPACE.id()).handler((event) -> {
				seen.assembling.put(event.id(), String.valueOf(MDC.get("traceId")));
				log.info("applying " + event.id());
				return Mono.delay(Duration.ofMillis(5)).doOnNext((tick) -> {
					log.info("applied " + event.id());
					seen.afterHop.put(event.id(), String.valueOf(MDC.get("traceId")));
				}).then();
			}).build();
		}

	}

}
