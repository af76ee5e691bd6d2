package io.chorus.chart.domain;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A chart as the API returns it. Lists in Chorus are {@code {items, nextCursor}}; a chart is one
 * page (top {@code limit}), so {@code nextCursor} is always {@code null}.
 *
 * @param period {@code daily|weekly|monthly}
 * @param periodId e.g. {@code 2026-W53}
 * @param from first day of the period (UTC)
 * @param to last day of the period (UTC, inclusive)
 * @param previousPeriodId the period deltas compare with
 * @param status {@code LIVE} while plays still count, {@code FINAL} once closed (answered from
 * the snapshot)
 */
public record Chart(String period, String periodId, LocalDate from, LocalDate to, String previousPeriodId,
		Status status, List<Item> items, @Nullable String nextCursor) {

	public enum Status {

		LIVE, FINAL

	}

	/**
	 * @param coverUrl {@code /api/tracks/{trackId}/cover?v={coverImageId}}, {@code null} without a cover
	 */
	public record Item(int rank, String trackId, long plays, Direction.Delta delta, @Nullable String title,
			@Nullable String artistId, @Nullable String artistName, @Nullable String coverUrl) {
	}

}
