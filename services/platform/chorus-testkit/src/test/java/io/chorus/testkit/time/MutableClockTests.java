package io.chorus.testkit.time;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MutableClockTests {

	private static final Instant START = Instant.parse("2026-12-28T00:00:00Z");

	@Test
	void aFrozenClockMovesOnlyWhenTold() {
		MutableClock clock = new MutableClock(START);
		assertThat(clock.instant()).isEqualTo(START);
		clock.advance(Duration.ofDays(7));
		assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofDays(7)));
		clock.set(START);
		assertThat(clock.instant()).isEqualTo(START);
	}

	@Test
	void aRunningClockIsRealTimePlusWhatItWasAdvanced() {
		MutableClock clock = new MutableClock();
		clock.advance(Duration.ofHours(1));
		Instant expected = Instant.now().plus(Duration.ofHours(1));
		assertThat(clock.instant()).isBetween(expected.minusSeconds(5), expected.plusSeconds(5));
	}

	@Test
	void freezingKeepsTheAdvancedTimeAndUnfreezingRunsFromIt() {
		MutableClock clock = new MutableClock();
		clock.advance(Duration.ofMinutes(15));
		clock.freeze();
		Instant frozen = clock.instant();
		clock.advance(Duration.ofMinutes(1));
		assertThat(clock.instant()).isEqualTo(frozen.plus(Duration.ofMinutes(1)));
		clock.unfreeze();
		Instant expected = Instant.now().plus(Duration.ofMinutes(16));
		assertThat(clock.instant()).isBetween(expected.minusSeconds(5), expected.plusSeconds(5));
	}

}
