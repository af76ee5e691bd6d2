package io.chorus.chart.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChartRulesTests {

	private final Instant now = Instant.parse("2027-01-05T12:00:00Z");

	private final ChartRules rules = new ChartRules(Clock.fixed(this.now, ZoneOffset.UTC),
			period -> switch (period) {
				case DAILY -> Duration.ofDays(8);
				case WEEKLY -> Duration.ofDays(35);
				case MONTHLY -> Duration.ofDays(395);
			}, Duration.ofMinutes(10));

	@Test
	void aPeriodIsFinalOnceItSettled() {
		Period.Window day = Period.DAILY.containing(LocalDate.of(2027, 1, 4));
		assertThat(this.rules.isFinal(day, Instant.parse("2027-01-05T00:09:59Z"))).isFalse();
		assertThat(this.rules.isFinal(day, Instant.parse("2027-01-05T00:10:00Z"))).isTrue();
		assertThat(this.rules.isFinal(Period.DAILY.containing(LocalDate.of(2027, 1, 5)), this.now)).isFalse();
	}

	@Test
	void liveKeysLiveForTheirRetentionAfterThePeriodEnds() {
		Period.Window day = Period.DAILY.containing(LocalDate.of(2027, 1, 5));
		assertThat(this.rules.liveTtl(day, this.now)).isEqualTo(Duration.ofHours(12).plusDays(8));
		Period.Window oldDay = Period.DAILY.containing(LocalDate.of(2026, 12, 27));
		assertThat(this.rules.liveTtl(oldDay, this.now).isPositive()).isFalse();
	}

	@Test
	void liveWindowsCoverEveryKeyThatMayStillExist() {
		// Today and the 8 previous days (the day 9 days back expired at 2027-01-05T00:00Z).
		assertThat(this.rules.liveWindows(Period.DAILY, this.now)).hasSize(9)
			.first()
			.extracting(Period.Window::id)
			.isEqualTo("2027-01-05");
		assertThat(this.rules.liveWindows(Period.DAILY, this.now).getLast().id()).isEqualTo("2026-12-28");
		assertThat(this.rules.liveWindows(Period.WEEKLY, this.now)).extracting(Period.Window::id)
			.containsExactly("2027-W01", "2026-W53", "2026-W52", "2026-W51", "2026-W50", "2026-W49");
		assertThat(this.rules.liveWindows(Period.MONTHLY, this.now)).hasSize(14);
	}

}
