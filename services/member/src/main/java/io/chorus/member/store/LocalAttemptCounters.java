package io.chorus.member.store;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The same fixed-window counters in this replica's memory: what {@link AttemptLimiter} counts in
 * while Redis is unreachable, so sign-in and signup keep working with their limits applied per
 * replica instead of not at all. Bounded: expired windows are dropped once the map grows large,
 * and past {@link #MAX_KEYS} live windows a new key is counted as already at the limit.
 */
final class LocalAttemptCounters {

	static final int MAX_KEYS = 100_000;

	private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

	private final Clock clock;

	LocalAttemptCounters(Clock clock) {
		this.clock = clock;
	}

	AttemptLimiter.Count increment(String key, Duration window) {
		long now = this.clock.millis();
		if (this.windows.size() >= MAX_KEYS && !this.windows.containsKey(key)) {
			this.windows.values().removeIf((w) -> w.expiresAt() <= now);
			if (this.windows.size() >= MAX_KEYS) {
				return new AttemptLimiter.Count(Long.MAX_VALUE, window); // full: fail closed
			}
		}
		Window updated = this.windows.compute(key, (k, current) -> (current == null || current.expiresAt() <= now)
				? new Window(1, now + window.toMillis()) : new Window(current.count() + 1, current.expiresAt()));
		return new AttemptLimiter.Count(updated.count(), Duration.ofMillis(updated.expiresAt() - now));
	}

	void decrement(String key) {
		this.windows.computeIfPresent(key, (k, current) -> (current.count() <= 1) ? null
				: new Window(current.count() - 1, current.expiresAt()));
	}

	void reset(String key) {
		this.windows.remove(key);
	}

	private record Window(long count, long expiresAt) {
	}

}
