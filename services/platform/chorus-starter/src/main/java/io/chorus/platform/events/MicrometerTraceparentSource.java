package io.chorus.platform.events;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import io.micrometer.tracing.propagation.Propagator;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * {@link TraceparentSource} backed by Micrometer Tracing. Looks, in order, at an explicit
 * {@code traceparent} in the Reactor context, the current observation in the Reactor context
 * (what WebFlux server observations put there), then the tracer's current span.
 */
final class MicrometerTraceparentSource implements TraceparentSource {

	private final Tracer tracer;

	private final Propagator propagator;

	MicrometerTraceparentSource(Tracer tracer, Propagator propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	@Override
	public Mono<String> current() {
		return Mono.deferContextual(ctx -> Mono.justOrEmpty(fromContext(ctx)));
	}

	private @Nullable String fromContext(ContextView ctx) {
		Object explicit = ctx.getOrDefault(CONTEXT_KEY, null);
		if (explicit instanceof String traceparent) {
			return traceparent;
		}
		Span span = null;
		if (ctx.getOrDefault(ObservationThreadLocalAccessor.KEY, null) instanceof Observation observation) {
			TracingContext tracing = observation.getContextView().get(TracingContext.class);
			span = (tracing != null) ? tracing.getSpan() : null;
		}
		if (span == null) {
			span = this.tracer.currentSpan();
		}
		// An unsampled span still names a trace: pass it on (flags 00), so the consumer joins the
		// same trace id and makes the same sampling decision instead of starting a new trace.
		if (span == null || !validTraceId(span.context().traceId())) {
			return null;
		}
		Map<String, String> carrier = new HashMap<>();
		this.propagator.inject(span.context(), carrier, Map::put);
		return carrier.get("traceparent");
	}

	private static boolean validTraceId(@Nullable String traceId) {
		return traceId != null && !traceId.isEmpty() && !traceId.chars().allMatch((c) -> c == '0');
	}

}
