package io.chorus.testkit.tracing;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * Collects every finished span in memory, for tests that assert on traces. It is an OpenTelemetry
 * {@link SpanProcessor}: Spring Boot's OpenTelemetry auto-configuration adds every
 * {@code SpanProcessor} bean to the tracer provider, and a span is recorded synchronously when it
 * ends (no batch delay).
 *
 * <pre>{@code
 * @SpringBootTest
 * @Import(InMemorySpansConfiguration.class)   // registers InMemorySpans.shared()
 * class TimelineTraceIntegrationTests {
 *     @Autowired InMemorySpans spans;
 *     ...
 *     await().until(() -> spans.byTraceId(traceId).size() >= 3);
 * }
 * }</pre>
 *
 * <p>{@link #shared()} is one collector for the whole JVM: several application contexts in one
 * test (gateway, content, timeline) all report to it, so one traceId can be followed across them.
 * A context closing does not stop it ({@link #shutdown()} is a no-op); call {@link #clear()}
 * between tests if needed.
 */
public final class InMemorySpans implements SpanProcessor {

	private static final InMemorySpans SHARED = new InMemorySpans();

	private final ConcurrentLinkedQueue<SpanData> finished = new ConcurrentLinkedQueue<>();

	/** The JVM-wide collector. */
	public static InMemorySpans shared() {
		return SHARED;
	}

	/** Every finished span, in the order they ended. */
	public List<SpanData> all() {
		return List.copyOf(this.finished);
	}

	/** Finished spans matching the predicate. */
	public List<SpanData> matching(Predicate<SpanData> predicate) {
		return this.finished.stream().filter(predicate).toList();
	}

	/** Finished spans of one trace (32 lowercase hex digits). */
	public List<SpanData> byTraceId(String traceId) {
		return matching((span) -> span.getTraceId().equals(traceId));
	}

	/** Finished spans with this name (e.g. {@code "http get /posts/{id}"}, {@code "orders.events process"}). */
	public List<SpanData> named(String name) {
		return matching((span) -> span.getName().equals(name));
	}

	/** The first finished span with this span id. */
	public Optional<SpanData> bySpanId(String spanId) {
		return this.finished.stream().filter((span) -> span.getSpanId().equals(spanId)).findFirst();
	}

	/** The distinct trace ids seen so far. */
	public Set<String> traceIds() {
		return this.finished.stream().map(SpanData::getTraceId).collect(Collectors.toUnmodifiableSet());
	}

	public void clear() {
		this.finished.clear();
	}

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
	}

	@Override
	public boolean isStartRequired() {
		return false;
	}

	@Override
	public void onEnd(ReadableSpan span) {
		this.finished.add(span.toSpanData());
	}

	@Override
	public boolean isEndRequired() {
		return true;
	}

	/** Keeps collecting: the collector outlives the application contexts that report to it. */
	@Override
	public CompletableResultCode shutdown() {
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public CompletableResultCode forceFlush() {
		return CompletableResultCode.ofSuccess();
	}

}
