package io.chorus.member.store;

import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Fixed-window counters in Redis: the window starts at the first counted event and the key
 * expires with it. Increment and expiry are one Lua script, so a counter can never be left
 * without a TTL.
 */
public class AttemptLimiter {

	private static final RedisScript<List<Long>> INCREMENT = RedisScript.of("""
			local n = redis.call('INCR', KEYS[1])
			if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
			local ttl = redis.call('PTTL', KEYS[1])
			if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
			return {n, ttl}
			""", rawList());

	private static final RedisScript<List<Long>> PEEK = RedisScript.of("""
			local n = redis.call('GET', KEYS[1])
			if not n then return {0, 0} end
			return {tonumber(n), redis.call('PTTL', KEYS[1])}
			""", rawList());

	private final ReactiveStringRedisTemplate redis;

	public AttemptLimiter(ReactiveStringRedisTemplate redis) {
		this.redis = redis;
	}

	/** Counts one event; emits the count and the time left in the window. */
	public Mono<Count> increment(String key, Duration window) {
		return this.redis.execute(INCREMENT, List.of(key), List.of(Long.toString(window.toMillis())))
			.next()
			.map(AttemptLimiter::count);
	}

	/** The current count without changing it (zero if no window is open). */
	public Mono<Count> peek(String key) {
		return this.redis.execute(PEEK, List.of(key), List.of()).next().map(AttemptLimiter::count);
	}

	public Mono<Void> reset(String key) {
		return this.redis.delete(key).then();
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
