package io.chorus.platform.events.consumer;

import java.time.Duration;
import java.time.Instant;

import reactor.core.publisher.Mono;

/**
 * Remembers which events a consumer group has applied, by event id. A consumer asks before it
 * applies and records only after the handler succeeded, so a crash in between re-applies (the
 * handler is idempotent) rather than loses the event.
 */
public interface EventDeduplicator {

	Mono<Boolean> isProcessed(String group, String eventId);

	/** Records {@code eventId} as applied for at least {@code ttl} (at least the topic's retention). */
	Mono<Void> markProcessed(String group, String eventId, Duration ttl);

	/**
	 * Forgets what {@code group} applied from {@code since} on (by the time in the UUIDv7 event id),
	 * so that rewinding the group to {@code since} applies those events again.
	 * @return how many entries were forgotten
	 */
	Mono<Long> forget(String group, Instant since);

}
