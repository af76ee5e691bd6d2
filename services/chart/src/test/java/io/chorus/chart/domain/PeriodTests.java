package io.chorus.chart.domain;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PeriodTests {

	@Test
	void isoWeeksAcrossTheYearBoundaryBelongToTheWeekBasedYear() {
		for (LocalDate day = LocalDate.of(2026, 12, 28); day.isBefore(LocalDate.of(2027, 1, 4)); day = day.plusDays(1)) {
			Period.Window week = Period.WEEKLY.containing(day);
			assertThat(week.id()).as(day.toString()).isEqualTo("2026-W53");
			assertThat(week.start()).isEqualTo(LocalDate.of(2026, 12, 28));
			assertThat(week.lastDay()).isEqualTo(LocalDate.of(2027, 1, 3));
		}
		assertThat(Period.WEEKLY.containing(LocalDate.of(2027, 1, 4)).id()).isEqualTo("2027-W01");
		// The other way round: 2019-12-30 is in 2020-W01.
		assertThat(Period.WEEKLY.containing(LocalDate.of(2019, 12, 30)).id()).isEqualTo("2020-W01");
		assertThat(Period.WEEKLY.containing(LocalDate.of(2027, 1, 4)).previous().id()).isEqualTo("2026-W53");
		assertThat(Period.WEEKLY.containing(LocalDate.of(2026, 12, 28)).previous().id()).isEqualTo("2026-W52");
	}

	@Test
	void instantsArePlacedByTheirUtcDate() {
		Instant lastMoment = Instant.parse("2026-12-31T23:59:59.999Z");
		Instant firstMoment = Instant.parse("2027-01-01T00:00:00Z");
		assertThat(Period.DAILY.containing(lastMoment).id()).isEqualTo("2026-12-31");
		assertThat(Period.MONTHLY.containing(lastMoment).id()).isEqualTo("2026-12");
		assertThat(Period.DAILY.containing(firstMoment).id()).isEqualTo("2027-01-01");
		assertThat(Period.MONTHLY.containing(firstMoment).id()).isEqualTo("2027-01");
		assertThat(Period.WEEKLY.containing(firstMoment).id()).isEqualTo("2026-W53");
	}

	@Test
	void monthsAndDaysHaveTheirBoundsAndPredecessors() {
		Period.Window february = Period.MONTHLY.containing(LocalDate.of(2028, 2, 29));
		assertThat(february.id()).isEqualTo("2028-02");
		assertThat(february.lastDay()).isEqualTo(LocalDate.of(2028, 2, 29));
		assertThat(february.end()).isEqualTo(Instant.parse("2028-03-01T00:00:00Z"));
		assertThat(february.previous().id()).isEqualTo("2028-01");
		assertThat(Period.MONTHLY.containing(LocalDate.of(2027, 1, 15)).previous().id()).isEqualTo("2026-12");
		assertThat(Period.DAILY.containing(LocalDate.of(2027, 3, 1)).previous().id()).isEqualTo("2027-02-28");
		assertThat(Period.DAILY.containing(LocalDate.of(2027, 3, 1)).next().id()).isEqualTo("2027-03-02");
	}

	@Test
	void slugsRoundTrip() {
		assertThat(Period.fromSlug("weekly")).contains(Period.WEEKLY);
		assertThat(Period.fromSlug("WEEKLY")).isEmpty();
		assertThat(Period.fromSlug("yearly")).isEmpty();
	}

}
