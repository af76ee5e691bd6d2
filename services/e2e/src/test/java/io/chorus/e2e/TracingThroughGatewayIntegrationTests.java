package io.chorus.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.chorus.e2e.Visitor.Account;
import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import io.chorus.testkit.tracing.InMemorySpans;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One trace from the edge into the event consumers: a post written through the gateway is one
 * traceId in the gateway, in content (HTTP), and in every consumer of its event (timeline, activity) (Kafka record
 * header {@code traceparent} → consumer span), with the traceId the client got in
 * {@code X-Trace-Id}. Spans are collected in memory from every deployable of the stack.
 */
@ChorusInfrastructure({ Infra.MARIADB, Infra.REDIS, Infra.KAFKA, Infra.MONGO })
class TracingThroughGatewayIntegrationTests {

	private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

	private static ChorusStack stack;

	@BeforeAll
	static void start(TestNamespace namespace) {
		stack = ChorusStack.on(namespace).withTimeline().withActivity().start();
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void aPostIsOneTraceFromTheGatewayThroughContentAndKafkaIntoItsConsumers() {
		Visitor visitor = new Visitor(stack);
		Account ada = visitor.signup("ada");
		String token = visitor.login(ada).accessToken();

		String traceId = visitor.sendJson("POST", "/api/posts", token, Map.of("text", "traced"))
			.expectStatus()
			.isCreated()
			.returnResult(Void.class)
			.getResponseHeaders()
			.getFirst("X-Trace-Id");
		assertThat(traceId).matches("[0-9a-f]{32}");

		Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			List<SpanData> trace = InMemorySpans.shared().byTraceId(traceId);
			assertThat(services(trace, SpanKind.SERVER)).as("server spans of %s", trace).contains("gateway", "content");
			assertThat(services(trace, SpanKind.CONSUMER)).as("consumer spans of %s", trace).contains("timeline", "activity");
		});
		SpanData consumed = InMemorySpans.shared()
			.byTraceId(traceId)
			.stream()
			.filter((span) -> span.getKind() == SpanKind.CONSUMER && "timeline".equals(service(span)))
			.findFirst()
			.orElseThrow();
		assertThat(consumed.getName()).startsWith("content.events");
		assertThat(consumed.getParentSpanContext().isValid()).as("the consumer span continues the producer's trace").isTrue();
		// The post is in the author's own home feed: timeline handled the traced event.
		Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
				Visitor.mapResult(visitor.get("/api/timeline/home", token).expectStatus().isOk()).getResponseBody())
			.extractingByKey("items")
			.asString()
			.contains("traced"));
	}

	private static Set<String> services(List<SpanData> spans, SpanKind kind) {
		return spans.stream().filter((span) -> span.getKind() == kind).map(TracingThroughGatewayIntegrationTests::service)
			.collect(Collectors.toSet());
	}

	private static String service(SpanData span) {
		return span.getResource().getAttribute(SERVICE_NAME);
	}

}
