package io.chorus.gateway.domain;

import java.time.Duration;

/**
 * A token bucket: {@code capacity} requests at once, refilled at {@code refillPerSecond}.
 *
 * @param capacity        burst size, at least 1
 * @param refillPerSecond sustained rate; fractions allowed (0.2 = one request every 5 s)
 */
public record RateLimit(int capacity, double refillPerSecond) {

	public RateLimit {
		if (capacity < 1 || !(refillPerSecond > 0)) {
			throw new IllegalArgumentException("rate limit needs capacity >= 1 and refill-per-second > 0");
		}
	}

	/** How long an untouched bucket stays relevant: the time to refill it completely. */
	public Duration fullRefill() {
		return Duration.ofMillis((long) Math.ceil(this.capacity * 1000 / this.refillPerSecond));
	}

	/**
	 * One bucket's answer.
	 * @param allowed    whether the request may proceed
	 * @param remaining  whole tokens left after this request
	 * @param retryAfter when not allowed, how long until one token is back
	 */
	public record Decision(boolean allowed, long remaining, Duration retryAfter) {

		/** What a bucket that could not be asked answers: let the request through. */
		public static Decision failOpen() {
			return new Decision(true, -1, Duration.ZERO);
		}

		/** {@code Retry-After} in whole seconds, never 0 for a refusal. */
		public long retryAfterSeconds() {
			return Math.max(1, (this.retryAfter.toMillis() + 999) / 1000);
		}

	}

}
