package io.chorus.chart.domain;

import java.time.Instant;

import io.chorus.chart.store.ChartStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Makes the snapshot of every final period whose live key may still exist. Idempotent and safe
 * on every replica at once: each snapshot is one Lua script that writes only when the snapshot
 * does not exist yet, so concurrent runs write it exactly once, from the same data.
 */
public final class Snapshots {

	private final ChartStore store;

	private final ChartRules rules;

	private final int size;

	public Snapshots(ChartStore store, ChartRules rules, int size) {
		this.store = store;
		this.rules = rules;
		this.size = size;
	}

	/** @return how many final periods have a snapshot after this run */
	public Mono<Long> snapshotClosedPeriods() {
		Instant now = this.rules.now();
		return Flux.fromArray(Period.values())
			.flatMapIterable(period -> this.rules.liveWindows(period, now))
			.filter(window -> this.rules.isFinal(window, now))
			.concatMap(window -> this.store.snapshot(window, this.size))
			.filter(Boolean::booleanValue)
			.count();
	}

}
