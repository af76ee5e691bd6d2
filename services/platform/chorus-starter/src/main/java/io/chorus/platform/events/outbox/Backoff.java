package io.chorus.platform.events.outbox;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with "equal jitter": the n-th consecutive failure waits between half and
 * all of {@code min(max, initial * 2^(n-1))}. Jitter keeps replicas that failed together from
 * retrying together; the cap keeps a long outage from pushing retries out indefinitely.
 */
record Backoff(Duration initial, Duration max) {

	Duration delay(int failures) {
		if (failures <= 0) {
			return Duration.ZERO;
		}
		long cap = this.max.toMillis();
		int shift = Math.min(failures - 1, 30);
		long base = Math.min(cap, this.initial.toMillis() << shift);
		if (base <= 0) {
			base = cap;
		}
		long half = base / 2;
		return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(base - half + 1));
	}

}
