package io.chorus.platform.events.consumer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Mono;

/**
 * Dedupe entries in this JVM only. Lost on restart and invisible to other replicas, so it is
 * never chosen implicitly: only with {@code chorus.consumer.dedupe-store=in-memory}, for tests
 * and single-instance development.
 */
public final class InMemoryEventDeduplicator implements EventDeduplicator {

	private final Map<String, Instant> expiries = new ConcurrentHashMap<>();

	private final Clock clock;

	private final AtomicLong marks = new AtomicLong();

	public InMemoryEventDeduplicator(Clock clock) {
		this.clock = clock;
	}

	@Override
	public Mono<Boolean> isProcessed(String group, String eventId) {
		return Mono.fromSupplier(() -> {
			Instant expiry = this.expiries.get(DedupeKeys.key("", group, eventId));
			return expiry != null && expiry.isAfter(this.clock.instant());
		});
	}

	@Override
	public Mono<Void> markProcessed(String group, String eventId, Duration ttl) {
		return Mono.fromRunnable(() -> {
			Instant now = this.clock.instant();
			if (this.marks.incrementAndGet() % 1024 == 0) {
				this.expiries.values().removeIf(expiry -> !expiry.isAfter(now));
			}
			// Like SET NX: a live entry keeps its expiry.
			this.expiries.compute(DedupeKeys.key("", group, eventId),
					(key, expiry) -> (expiry != null && expiry.isAfter(now)) ? expiry : now.plus(ttl));
		});
	}

	@Override
	public Mono<Long> forget(String group, Instant since) {
		return Mono.fromSupplier(() -> {
			String prefix = DedupeKeys.key("", group, "");
			long before = this.expiries.size();
			this.expiries.keySet()
				.removeIf(key -> key.startsWith(prefix) && DedupeKeys.mintedSince(key.substring(prefix.length()), since));
			return before - this.expiries.size();
		});
	}

}
