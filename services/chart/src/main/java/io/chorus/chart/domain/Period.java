package io.chorus.chart.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;

/**
 * A chart period. Periods are UTC calendar ranges; weeks are ISO weeks (Monday to Sunday)
 * numbered in the ISO <em>week-based</em> year, so 2026-12-28..2027-01-03 is {@code 2026-W53}
 * and 2027-01-04 starts {@code 2027-W01} (mixing the calendar year with the week number is the
 * year-boundary defect earlier systems had).
 */
public enum Period {

	DAILY, WEEKLY, MONTHLY;

	/** Lower-case name as it appears in URLs and keys. */
	public String slug() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Optional<Period> fromSlug(String slug) {
		for (Period period : values()) {
			if (period.slug().equals(slug)) {
				return Optional.of(period);
			}
		}
		return Optional.empty();
	}

	/** The period of this kind that contains {@code date}. */
	public Window containing(LocalDate date) {
		return switch (this) {
			case DAILY -> new Window(this, date, date.plusDays(1), date.toString());
			case WEEKLY -> {
				LocalDate monday = date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
				yield new Window(this, monday, monday.plusWeeks(1), String.format(Locale.ROOT, "%04d-W%02d",
						monday.get(IsoFields.WEEK_BASED_YEAR), monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
			}
			case MONTHLY -> {
				LocalDate first = date.withDayOfMonth(1);
				yield new Window(this, first, first.plusMonths(1),
						String.format(Locale.ROOT, "%04d-%02d", first.getYear(), first.getMonthValue()));
			}
		};
	}

	/** The period of this kind that contains the UTC date of {@code instant}. */
	public Window containing(Instant instant) {
		return containing(LocalDate.ofInstant(instant, ZoneOffset.UTC));
	}

	/**
	 * One period: {@code [start, end)} in UTC dates, and its id as used in Redis keys
	 * ({@code 2026-12-28}, {@code 2026-W53}, {@code 2026-12}).
	 */
	public record Window(Period period, LocalDate start, LocalDate endExclusive, String id) {

		public Window previous() {
			return this.period.containing(this.start.minusDays(1));
		}

		public Window next() {
			return this.period.containing(this.endExclusive);
		}

		public LocalDate lastDay() {
			return this.endExclusive.minusDays(1);
		}

		/** The instant the period closes (exclusive end, midnight UTC). */
		public Instant end() {
			return this.endExclusive.atStartOfDay(ZoneOffset.UTC).toInstant();
		}

	}

}
