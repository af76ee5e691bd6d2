package io.chorus.platform.events.outbox;

import java.time.Duration;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTests {

	private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));

	@RepeatedTest(20)
	void doublesWithJitterBetweenHalfAndAll() {
		for (int failures = 1; failures <= 6; failures++) {
			long base = 500L << (failures - 1);
			assertThat(this.backoff.delay(failures).toMillis()).as("failure %d", failures).isBetween(base / 2, base);
		}
	}

	@Test
	void isCappedEvenAfterVeryManyFailures() {
		for (int failures : new int[] { 7, 20, 64, Integer.MAX_VALUE }) {
			assertThat(this.backoff.delay(failures).toMillis()).isBetween(15_000L, 30_000L);
		}
	}

	@Test
	void noWaitWithoutFailure() {
		assertThat(this.backoff.delay(0)).isZero();
	}

}
