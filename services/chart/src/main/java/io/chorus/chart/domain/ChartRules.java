package io.chorus.chart.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Time rules shared by counting, reading and snapshotting: how long a live period key lives and
 * when a closed period is final.
 *
 * @param retention how long each period's live key is kept after the period ends
 * @param settle a closed period becomes final this long after its end
 */
public record ChartRules(Clock clock, Function<Period, Duration> retention, Duration settle) {

	public Instant now() {
		return this.clock.instant();
	}

	/** Closed and settled: answered from (and compared against) its snapshot. */
	public boolean isFinal(Period.Window window, Instant now) {
		return !now.isBefore(window.end().plus(this.settle));
	}

	/** When the live key of {@code window} expires. */
	public Instant liveUntil(Period.Window window) {
		return window.end().plus(this.retention.apply(window.period()));
	}

	/** TTL to give the live key now; zero or negative means its live time is over. */
	public Duration liveTtl(Period.Window window, Instant now) {
		return Duration.between(now, liveUntil(window));
	}

	/** Every window of {@code period} whose live key may still exist at {@code now}, newest first. */
	public List<Period.Window> liveWindows(Period period, Instant now) {
		List<Period.Window> windows = new ArrayList<>();
		for (Period.Window w = period.containing(now); liveUntil(w).isAfter(now); w = w.previous()) {
			windows.add(w);
		}
		return windows;
	}

}
