package io.chorus.timeline.config;

import java.time.Clock;
import java.time.Duration;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.chorus.timeline.store.Rankings;
import io.chorus.timeline.store.ReadModelIndexes;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;

/**
 * Background upkeep, non-blocking: creates the Mongo indexes at start and rolls the ranking
 * windows every {@code chorus.timeline.popular-roll} (every replica may roll; the script is
 * idempotent). A tick that arrives while a roll is still running is dropped (never an overflow
 * error: that would cancel the in-flight Redis call, see {@code store.Lua}).
 */
class ReadModelMaintenance implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ReadModelMaintenance.class);

	private final MongoDatabase db;

	private final Rankings rankings;

	private final Duration interval;

	private final Clock clock;

	private volatile @Nullable Disposable running;

	ReadModelMaintenance(MongoDatabase db, Rankings rankings, Duration interval, Clock clock) {
		this.db = db;
		this.rankings = rankings;
		this.interval = interval;
		this.clock = clock;
	}

	@Override
	public void start() {
		this.running = ReadModelIndexes.create(this.db)
			.onErrorResume((ex) -> Mono.empty())
			.thenMany(Flux.interval(Duration.ZERO, this.interval).onBackpressureDrop())
			.concatMap((tick) -> this.rankings.roll(this.clock.instant()).onErrorResume((ex) -> {
				log.warn("Rolling the ranking windows failed: {}", ex.toString());
				return Mono.empty();
			}))
			.subscribe();
	}

	@Override
	public void stop() {
		Disposable disposable = this.running;
		if (disposable != null) {
			disposable.dispose();
		}
		this.running = null;
	}

	@Override
	public boolean isRunning() {
		return this.running != null;
	}

	/** Before the event consumers (which start in the default phase). */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE / 2;
	}

}
