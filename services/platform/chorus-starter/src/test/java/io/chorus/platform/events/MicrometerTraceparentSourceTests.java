package io.chorus.platform.events;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/** Against a real OpenTelemetry SDK tracer through the Micrometer bridge Boot uses. */
class MicrometerTraceparentSourceTests {

	private final SdkTracerProvider provider = SdkTracerProvider.builder().build();

	private final io.opentelemetry.api.trace.Tracer otel = this.provider.get("test");

	private final ContextPropagators propagators = ContextPropagators.create(W3CTraceContextPropagator.getInstance());

	private final Tracer tracer = new OtelTracer(this.otel, new OtelCurrentTraceContext(), event -> {
	});

	private final MicrometerTraceparentSource source = new MicrometerTraceparentSource(this.tracer,
			new OtelPropagator(this.propagators, this.otel));

	@AfterEach
	void close() {
		this.provider.close();
	}

	@Test
	void emptyWithoutATrace() {
		assertThat(this.source.current().blockOptional()).isEmpty();
	}

	@Test
	void currentSpanBecomesTheTraceparent() {
		Span span = this.tracer.nextSpan().name("request").start();
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			assertThat(this.source.current().block())
				.isEqualTo("00-" + span.context().traceId() + "-" + span.context().spanId() + "-01");
		}
		finally {
			span.end();
		}
	}

	@Test
	void explicitTraceparentInTheReactorContextWins() {
		String consumed = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
		Mono<String> current = this.source.current()
			.contextWrite(ctx -> ctx.put(TraceparentSource.CONTEXT_KEY, consumed));

		assertThat(current.block()).isEqualTo(consumed);
		assertThat(TraceparentSource.CONTEXT_ONLY.current()
			.contextWrite(ctx -> ctx.put(TraceparentSource.CONTEXT_KEY, consumed))
			.block()).isEqualTo(consumed);
	}

}
