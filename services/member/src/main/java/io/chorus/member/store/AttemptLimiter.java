package io.chorus.member.store;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.chorus.platform.stores.Outages;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Fixed-window counters in Redis: the window starts at the first counted event and the key
 * expires with it. Increment and expiry are one Lua script, so a counter can never be left
 * without a TTL, and the count it returns already includes this event (callers decide on it: no
 * read-then-write race between parallel attempts).
 *
 * <p>While Redis is unreachable (an outage, not a script error) the counters live in this
 * replica's memory ({@link LocalAttemptCounters}): limits keep applying, per replica, instead of
 * either blocking every sign-in or letting guesses through unlimited. After a failed call it
 * stays local for {@link #RETRY_REDIS_AFTER_MILLIS} (a hung Redis costs one command timeout per
 * period, not one per attempt), then tries Redis again. Counts made locally are not carried over.
 */
public class AttemptLimiter {

	private static final Log log = LogFactory.getLog(AttemptLimiter.class);

	private static final long LOG_EVERY_MILLIS = 10_000;

	/** After an outage, how long to count locally before asking Redis again (each ask may wait its timeout). */
	static final long RETRY_REDIS_AFTER_MILLIS = 5_000;

	private static final RedisScript<List<Long>> INCREMENT = RedisScript.of("""
			local n = redis.call('INCR', KEYS[1])
			if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
			local ttl = redis.call('PTTL', KEYS[1])
			if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
			return {n, ttl}
			""", rawList());

	private static final RedisScript<Long> DECREMENT = RedisScript.of("""
			local n = redis.call('DECR', KEYS[1])
			if n <= 0 then redis.call('DEL', KEYS[1]) end
			return n
			""", Long.class);

	private final ReactiveStringRedisTemplate redis;

	private final LocalAttemptCounters local;

	private final AtomicLong lastLogged = new AtomicLong();

	private final AtomicLong degradedUntil = new AtomicLong();

	public AttemptLimiter(ReactiveStringRedisTemplate redis, Clock clock) {
		this.redis = redis;
		this.local = new LocalAttemptCounters(clock);
	}

	/** Counts one event; emits the count (this one included) and the time left in the window. */
	public Mono<Count> increment(String key, Duration window) {
		return orLocal(this.redis.execute(INCREMENT, List.of(key), List.of(Long.toString(window.toMillis())))
			.next()
			.map(AttemptLimiter::count), () -> this.local.increment(key, window));
	}

	/** Takes one event back (a reserved attempt that turned out fine); the window is kept. */
	public Mono<Void> decrement(String key) {
		return orLocal(this.redis.execute(DECREMENT, List.of(key), List.of()).then(Mono.empty()), () -> {
			this.local.decrement(key);
			return null;
		}).then();
	}

	public Mono<Void> reset(String key) {
		return orLocal(this.redis.delete(key).then(Mono.empty()), () -> {
			this.local.reset(key);
			return null;
		}).then();
	}

	/** Redis, or the local counters while Redis is (or was just found) unreachable. */
	private <T> Mono<T> orLocal(Mono<T> inRedis, Supplier<@Nullable T> locally) {
		return Mono.defer(() -> {
			if (System.currentTimeMillis() < this.degradedUntil.get()) {
				return Mono.fromSupplier(locally);
			}
			return inRedis.onErrorResume(Outages::isOutage, (ex) -> {
				degraded(ex);
				return Mono.fromSupplier(locally);
			});
		});
	}

	private void degraded(Throwable ex) {
		long now = System.currentTimeMillis();
		this.degradedUntil.set(now + RETRY_REDIS_AFTER_MILLIS);
		long last = this.lastLogged.get();
		if (now - last >= LOG_EVERY_MILLIS && this.lastLogged.compareAndSet(last, now)) {
			log.warn("Redis unavailable, counting sign-in and signup attempts in this replica's memory: " + ex);
		}
	}

	private static Count count(List<Long> values) {
		return new Count(values.get(0), Duration.ofMillis(Math.max(0, values.get(1))));
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static Class<List<Long>> rawList() {
		return (Class) List.class;
	}

	/** A counter value and how long until its window closes. */
	public record Count(long value, Duration remaining) {

		/** Seconds for a {@code Retry-After} header: at least 1. */
		public long retryAfterSeconds() {
			return Math.max(1, (this.remaining.toMillis() + 999) / 1000);
		}

	}

}
