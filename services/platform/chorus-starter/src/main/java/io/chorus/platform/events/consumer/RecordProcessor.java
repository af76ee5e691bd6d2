package io.chorus.platform.events.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.chorus.platform.events.CloudEvent;
import io.chorus.platform.events.CloudEventCodec;
import io.chorus.platform.events.EventHeaders;
import io.chorus.platform.events.InvalidEventException;
import io.chorus.platform.events.TraceparentSource;
import io.chorus.platform.events.kafka.EventPublisher;
import io.chorus.platform.stores.Outages;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.retry.Retry;

/**
 * What happens to one record, start to finish, before its offset may be committed:
 * decode (undecodable: dead letter) → seen before by this group? (skip) → apply with bounded
 * retries (exhausted or rejected: dead letter) → remember as applied. The returned Mono never
 * fails for a bad record; it completes once the record is either applied, skipped or safely in
 * the dead-letter topic. Store and broker outages ({@link Outages}), in the dedupe store, the
 * dead-letter topic or the handler's own store, are waited out (retried without limit) rather
 * than turned into dead letters.
 */
final class RecordProcessor {

	private static final Log log = LogFactory.getLog(RecordProcessor.class);

	private final ConsumerSettings settings;

	private final CloudEventCodec codec;

	private final EventDeduplicator dedupe;

	private final EventPublisher publisher;

	private final Function<String, Duration> dedupeTtl;

	private final MeterRegistry meters;

	private final Clock clock;

	private final ObservationRegistry observations;

	RecordProcessor(ConsumerSettings settings, CloudEventCodec codec, EventDeduplicator dedupe, EventPublisher publisher,
			Function<String, Duration> dedupeTtl, MeterRegistry meters, Clock clock, ObservationRegistry observations) {
		this.observations = observations;
		this.settings = settings;
		this.codec = codec;
		this.dedupe = dedupe;
		this.publisher = publisher;
		this.dedupeTtl = dedupeTtl;
		this.meters = meters;
		this.clock = clock;
	}

	/**
	 * Processes the record inside a consumer observation ({@code chorus.consumer.process}): with
	 * tracing, a span that is a child of the record's {@code traceparent}, so producer and consumer
	 * share one trace and the handler's log lines carry its traceId.
	 */
	Mono<Void> process(ConsumerRecord<String, byte[]> record) {
		return Mono.defer(() -> {
			Observation observation = observation(record).start();
			return processObserved(record, observation).doOnError(observation::error)
				.doFinally(signal -> observation.stop())
				.contextWrite(ctx -> ctx.put(ObservationThreadLocalAccessor.KEY, observation));
		});
	}

	private Observation observation(ConsumerRecord<String, byte[]> record) {
		ReceiverContext<ConsumerRecord<String, byte[]>> context = new ReceiverContext<>(RecordProcessor::header);
		context.setCarrier(record);
		context.setRemoteServiceName("kafka");
		return Observation.createNotStarted("chorus.consumer.process", () -> context, this.observations)
			.contextualName(record.topic() + " process")
			.lowCardinalityKeyValue("messaging.system", "kafka")
			.lowCardinalityKeyValue("group", this.settings.group())
			.lowCardinalityKeyValue("topic", record.topic())
			.highCardinalityKeyValue("messaging.kafka.partition", Integer.toString(record.partition()))
			.highCardinalityKeyValue("messaging.kafka.offset", Long.toString(record.offset()));
	}

	private static @Nullable String header(ConsumerRecord<String, byte[]> record, String key) {
		Header header = record.headers().lastHeader(key);
		return (header != null && header.value() != null)
				? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	private Mono<Void> processObserved(ConsumerRecord<String, byte[]> record, Observation observation) {
		CloudEvent event;
		try {
			event = this.codec.decode(record.value());
		}
		catch (InvalidEventException ex) {
			return deadLetter(record, ex, 0);
		}
		String group = this.settings.group();
		return outage(this.dedupe.isProcessed(group, event.id()), "dedupe lookup").flatMap(seen -> {
			if (seen) {
				count(record, "duplicate");
				return Mono.empty();
			}
			return apply(record, event, observation);
		});
	}

	private Mono<Void> apply(ConsumerRecord<String, byte[]> record, CloudEvent event, Observation observation) {
		AtomicInteger attempts = new AtomicInteger();
		Mono<Void> handled = Mono.defer(() -> {
			attempts.incrementAndGet();
			// In scope while the handler assembles its pipeline (and logs synchronously); the
			// operators after it get the observation back from the Reactor context.
			try (Observation.Scope scope = observation.openScope()) {
				return this.settings.handler().handle(event);
			}
		}).contextWrite(traceContext(record, observation));
		// Outages first, without limit: a store that is down says nothing about the event, so the
		// partition waits (lag grows) instead of dead-lettering healthy events. Only failures of
		// the event itself count against maxAttempts.
		return handled.retryWhen(outageRetry())
			.retryWhen(handlerRetry())
			.then(Mono.defer(() -> outage(this.dedupe.markProcessed(this.settings.group(), event.id(),
					this.dedupeTtl.apply(record.topic())), "dedupe mark")))
			.doOnSuccess(ignored -> count(record, "processed"))
			.onErrorResume(ex -> deadLetter(record, ex, attempts.get()));
	}

	private Retry handlerRetry() {
		return Retry.backoff(this.settings.maxAttempts() - 1L, this.settings.initialBackoff())
			.maxBackoff(this.settings.maxBackoff())
			.jitter(0.5)
			.filter(ex -> !(ex instanceof EventRejectedException) && !Outages.isOutage(ex))
			.onRetryExhaustedThrow((spec, signal) -> signal.failure());
	}

	private Retry outageRetry() {
		return Retry.backoff(Long.MAX_VALUE, this.settings.initialBackoff())
			.maxBackoff(this.settings.maxBackoff())
			.jitter(0.5)
			.filter(Outages::isOutage)
			.doBeforeRetry(signal -> {
				if (signal.totalRetriesInARow() % 10 == 0) {
					log.warn("Handler's store unavailable (" + (signal.totalRetriesInARow() + 1) + "), waiting: "
							+ signal.failure());
				}
			});
	}

	private Mono<Void> deadLetter(ConsumerRecord<String, byte[]> record, Throwable error, int attempts) {
		String topic = DeadLetters.topic(record.topic(), this.settings.group());
		log.warn("Dead-lettering " + record.topic() + "-" + record.partition() + "@" + record.offset() + " to " + topic
				+ " after " + attempts + " attempt(s): " + error);
		return outage(this.publisher.send(DeadLetters.record(record, this.settings.group(), error, attempts,
				this.clock.instant())), "dead-letter publish")
			.doOnSuccess(ignored -> count(record, "dead_lettered"))
			.then();
	}

	/** Keeps retrying an infrastructure call: the record must not be acknowledged before it succeeds. */
	private static <T> Mono<T> outage(Mono<T> call, String what) {
		return call.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200))
			.maxBackoff(Duration.ofSeconds(10))
			.doBeforeRetry(signal -> log.warn(what + " failed (" + (signal.totalRetries() + 1) + "), retrying: "
					+ signal.failure())));
	}

	/**
	 * Events emitted by the handler continue the trace: with a consumer span, the
	 * {@code TraceparentSource} finds it through the observation; without tracing, the consumed
	 * record's own {@code traceparent} is handed on as is.
	 */
	private static Context traceContext(ConsumerRecord<String, byte[]> record, Observation observation) {
		TracingContext tracing = observation.getContext().get(TracingContext.class);
		if (tracing != null && tracing.getSpan() != null && !tracing.getSpan().isNoop()) {
			return Context.empty();
		}
		String traceparent = DeadLetters.header(record.headers(), EventHeaders.TRACEPARENT);
		return (traceparent != null) ? Context.of(TraceparentSource.CONTEXT_KEY, traceparent) : Context.empty();
	}

	private void count(ConsumerRecord<String, byte[]> record, String outcome) {
		Counter.builder("chorus.consumer.events")
			.description("Consumed events by outcome: processed, duplicate, dead_lettered")
			.tag("group", this.settings.group())
			.tag("topic", record.topic())
			.tag("outcome", outcome)
			.register(this.meters)
			.increment();
	}

}
