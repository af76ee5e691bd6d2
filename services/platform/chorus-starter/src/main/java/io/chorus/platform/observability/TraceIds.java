package io.chorus.platform.observability;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * The trace id of a request, for problem bodies and logs. Taken from the request's server
 * observation (the real trace, also when the caller runs on another thread), else the tracer's
 * current span, else the inbound W3C {@code traceparent}, else a generated id — so an error body
 * always carries an id, and the same one for the whole exchange.
 */
public final class TraceIds {

	private static final String ATTRIBUTE = TraceIds.class.getName() + ".traceId";

	private final @Nullable Tracer tracer;

	public TraceIds(@Nullable Tracer tracer) {
		this.tracer = tracer;
	}

	public String current(ServerWebExchange exchange) {
		String cached = exchange.getAttribute(ATTRIBUTE);
		if (cached != null) {
			return cached;
		}
		String traceId = fromObservation(exchange);
		if (traceId == null) {
			traceId = fromTracer();
		}
		if (traceId == null) {
			traceId = fromTraceparent(exchange.getRequest().getHeaders().getFirst("traceparent"));
		}
		if (traceId == null) {
			traceId = generate();
		}
		exchange.getAttributes().put(ATTRIBUTE, traceId);
		return traceId;
	}

	private static @Nullable String fromObservation(ServerWebExchange exchange) {
		return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
			.map((context) -> context.<TracingContext>get(TracingContext.class))
			.map((tracing) -> valid(tracing.getSpan()))
			.orElse(null);
	}

	private @Nullable String fromTracer() {
		return (this.tracer != null) ? valid(this.tracer.currentSpan()) : null;
	}

	private static @Nullable String valid(@Nullable Span span) {
		return (span != null) ? validHex(span.context().traceId()) : null;
	}

	/** {@code version-traceid-parentid-flags}; the trace id is 32 lowercase hex, not all zeros. */
	static @Nullable String fromTraceparent(@Nullable String traceparent) {
		if (traceparent == null) {
			return null;
		}
		String[] parts = traceparent.strip().split("-");
		return (parts.length >= 4) ? validHex(parts[1]) : null;
	}

	private static @Nullable String validHex(@Nullable String id) {
		if (id == null || id.length() != 32 || id.chars().allMatch((c) -> c == '0')) {
			return null;
		}
		return id.chars().allMatch((c) -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) ? id : null;
	}

	static String generate() {
		// ThreadLocalRandom, not UUID/SecureRandom: this may run on an event-loop thread.
		ThreadLocalRandom random = ThreadLocalRandom.current();
		byte[] bytes = new byte[16];
		random.nextBytes(bytes);
		bytes[0] |= 1; // never all zeros
		return HexFormat.of().formatHex(bytes);
	}

}
