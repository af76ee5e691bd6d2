package io.chorus.gateway.store;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.chorus.gateway.domain.RateLimit;

/**
 * Token buckets held in this gateway process: a decision is a map update, with no Redis round
 * trip on the hot path. Each replica enforces the configured bucket on the traffic it sees, so
 * with R replicas a caller whose requests are spread over all of them can get up to R times the
 * limit (documented as approximate); the credential endpoints keep the shared, exact
 * {@link TokenBucketRateLimiter} in Redis.
 *
 * <p>Bounded: a bucket untouched for its full refill time is the same as a new one, so those are
 * dropped first when the map passes {@code maxBuckets}; if that is not enough, arbitrary buckets
 * are dropped (their callers start again with a full bucket).
 */
public final class LocalRateLimiter {

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final Clock clock;

	private final int maxBuckets;

	private final AtomicBoolean sweeping = new AtomicBoolean();

	public LocalRateLimiter(Clock clock, int maxBuckets) {
		if (maxBuckets < 1) {
			throw new IllegalArgumentException("maxBuckets must be at least 1");
		}
		this.clock = clock;
		this.maxBuckets = maxBuckets;
	}

	public RateLimit.Decision consume(String key, RateLimit limit) {
		long now = this.clock.millis();
		Bucket bucket = this.buckets.compute(key, (ignored, previous) -> take(previous, limit, now));
		if (this.buckets.size() > this.maxBuckets) {
			sweep(now);
		}
		if (bucket.allowed()) {
			return new RateLimit.Decision(true, (long) Math.floor(bucket.tokens()), Duration.ZERO);
		}
		long waitMillis = (long) Math.ceil((1 - bucket.tokens()) * 1000 / limit.refillPerSecond());
		return new RateLimit.Decision(false, 0, Duration.ofMillis(waitMillis));
	}

	/** How many buckets are held now. */
	public int size() {
		return this.buckets.size();
	}

	private static Bucket take(Bucket previous, RateLimit limit, long now) {
		double tokens = limit.capacity();
		if (previous != null) {
			double refilled = Math.max(0, now - previous.updatedAt()) * limit.refillPerSecond() / 1000;
			tokens = Math.min(limit.capacity(), previous.tokens() + refilled);
		}
		boolean allowed = tokens >= 1;
		return new Bucket(allowed ? tokens - 1 : tokens, now, allowed, limit.fullRefill().toMillis());
	}

	private void sweep(long now) {
		if (!this.sweeping.compareAndSet(false, true)) {
			return;
		}
		try {
			this.buckets.values().removeIf((bucket) -> now - bucket.updatedAt() >= bucket.fullRefillMillis());
			int target = Math.max(1, (int) (this.maxBuckets * 0.9));
			Iterator<String> keys = this.buckets.keySet().iterator();
			while (this.buckets.size() > target && keys.hasNext()) {
				keys.next();
				keys.remove();
			}
		}
		finally {
			this.sweeping.set(false);
		}
	}

	private record Bucket(double tokens, long updatedAt, boolean allowed, long fullRefillMillis) {
	}

}
