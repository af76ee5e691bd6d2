package io.chorus.chart.domain;

/** How a track moved against the previous period's ranking. */
public enum Direction {

	/** Better rank than in the previous period. */
	UP,
	/** Worse rank. */
	DOWN,
	/** Same rank. */
	SAME,
	/** Not ranked in the previous period (no plays there, or outside its stored top N). */
	NEW;

	/** @param rank 1-based rank now; @param previousRank 1-based rank before, or {@code null} */
	public static Delta delta(int rank, Integer previousRank) {
		if (previousRank == null) {
			return new Delta(NEW, 0, null);
		}
		if (previousRank > rank) {
			return new Delta(UP, previousRank - rank, previousRank);
		}
		if (previousRank < rank) {
			return new Delta(DOWN, rank - previousRank, previousRank);
		}
		return new Delta(SAME, 0, previousRank);
	}

	/**
	 * @param direction UP/DOWN/SAME/NEW
	 * @param amount how many places the track moved (0 for SAME and NEW)
	 * @param previousRank rank in the previous period, {@code null} when NEW
	 */
	public record Delta(Direction direction, int amount, @org.jspecify.annotations.Nullable Integer previousRank) {
	}

}
