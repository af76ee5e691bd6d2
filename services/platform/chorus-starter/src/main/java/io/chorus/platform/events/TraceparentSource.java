package io.chorus.platform.events;

import reactor.core.publisher.Mono;

/**
 * The W3C {@code traceparent} of the work in progress, to be carried as a Kafka record header.
 *
 * <p>Read from the Reactor context (never a ThreadLocal alone: a reactive pipeline hops threads).
 * A consumer puts the consumed record's {@code traceparent} under {@link #CONTEXT_KEY}, so an
 * event appended while handling another one continues the same trace. Empty when there is no
 * trace.
 */
@FunctionalInterface
public interface TraceparentSource {

	/** Reactor context key holding an explicit {@code traceparent} string. */
	String CONTEXT_KEY = "traceparent";

	/** Only what the Reactor context holds under {@link #CONTEXT_KEY}. */
	TraceparentSource CONTEXT_ONLY = () -> Mono.deferContextual(ctx -> Mono.justOrEmpty(ctx.getOrEmpty(CONTEXT_KEY)))
		.cast(String.class);

	Mono<String> current();

}
