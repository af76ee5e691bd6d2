package io.chorus.chart.events;

import java.time.Duration;

import io.chorus.chart.domain.Snapshots;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;

/**
 * Snapshots closed periods every {@code interval} on every replica (the snapshot script is
 * idempotent and atomic, so no leader is needed). Reads of a final period without a snapshot make
 * it themselves, so a missed run never loses an answer while the live key exists.
 */
public final class SnapshotSchedule implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SnapshotSchedule.class);

	private final Snapshots snapshots;

	private final Duration interval;

	private @Nullable Disposable running;

	public SnapshotSchedule(Snapshots snapshots, Duration interval) {
		this.snapshots = snapshots;
		this.interval = interval;
	}

	@Override
	public synchronized void start() {
		if (this.running != null) {
			return;
		}
		this.running = Flux.interval(Duration.ofSeconds(5), this.interval)
			.onBackpressureDrop()
			.concatMap(tick -> this.snapshots.snapshotClosedPeriods()
				.onErrorResume(ex -> {
					log.warn("Snapshot run failed, next one in {}: {}", this.interval, ex.toString());
					return Mono.empty();
				}), 1)
			.subscribe(count -> log.debug("{} final periods have a snapshot", count));
	}

	@Override
	public synchronized void stop() {
		if (this.running != null) {
			this.running.dispose();
			this.running = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.running != null;
	}

}
