package io.chorus.platform.events.outbox;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.chorus.platform.events.kafka.KafkaClients;
import io.chorus.platform.events.kafka.TopicDeclarations;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.ConnectionFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Publishes committed outbox rows to Kafka in sequence order, then marks them sent.
 *
 * <p>One replica at a time relays (see {@link OutboxStore} for the lock); the others stand by
 * and take over within {@code lock-retry-interval} if it dies. Each poll publishes up to
 * {@code batch-size} rows as one Kafka transaction ({@link OutboxPublisher}). A failed batch is
 * not marked, its first failed row gets {@code attempts} and {@code last_error}, and the relay
 * waits an exponentially growing, jittered, capped delay before it tries the same rows again, so
 * nothing is skipped and per-key order holds. A row that fails on its own (too large, bad topic)
 * {@code max-attempts} times is parked: the relay goes on with other keys, and the rows of its
 * key wait behind it until an operator releases it ({@link OutboxEndpoint}). Starts with the application; on shutdown it lets
 * the batch in flight finish and be marked, then releases the lock.
 */
public final class OutboxRelay implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(OutboxRelay.class);

	private static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);

	private final ConnectionFactory connections;

	private final DatabaseClient db;

	private final KafkaClients clients;

	private final TopicDeclarations topics;

	private final OutboxProperties properties;

	private final Backoff backoff;

	private final AtomicLong backlog = new AtomicLong();

	private final AtomicLong parked = new AtomicLong();

	/** Epoch millis of the oldest unsent row's event time; 0 when drained. */
	private final AtomicLong oldestUnsent = new AtomicLong();

	private final Counter published;

	private final Counter failed;

	private final AtomicBoolean woken = new AtomicBoolean();

	private final Sinks.Many<Boolean> wakeups = Sinks.many().multicast().directBestEffort();

	private volatile boolean running;

	private Sinks.Empty<Void> stopping = Sinks.empty();

	private @Nullable Disposable loop;

	private @Nullable Runnable onStopped;

	/** Set while this instance relays; touched only by the relay loop, which runs one step at a time. */
	private @Nullable OutboxLeader leader;

	private int failures;

	private long lastPurge;

	/**
	 * @param connections a non-pooled factory: the relay keeps one connection for as long as it
	 * leads, and that connection holds a named lock that must die with it
	 * @param db pooled client for the backlog gauge of a standby replica
	 */
	public OutboxRelay(ConnectionFactory connections, DatabaseClient db, KafkaClients clients, TopicDeclarations topics,
			OutboxProperties properties, MeterRegistry meters) {
		this.connections = connections;
		this.db = db;
		this.clients = clients;
		this.topics = topics;
		this.properties = properties;
		this.backoff = new Backoff(properties.initialBackoff(), properties.maxBackoff());
		Gauge.builder("chorus.outbox.backlog", this.backlog, AtomicLong::get)
			.description("Outbox rows not yet published to Kafka")
			.register(meters);
		Gauge.builder("chorus.outbox.oldest.age", this, OutboxRelay::oldestAgeSeconds)
			.description("Age of the oldest outbox row not yet published (0 when drained)")
			.baseUnit("seconds")
			.register(meters);
		Gauge.builder("chorus.outbox.parked", this.parked, AtomicLong::get)
			.description("Outbox rows set aside after max-attempts failures of their own (see the outbox endpoint)")
			.register(meters);
		this.published = Counter.builder("chorus.outbox.published").description("Outbox rows published").register(meters);
		this.failed = Counter.builder("chorus.outbox.publish.failures")
			.description("Outbox batches that failed to publish and will be retried")
			.register(meters);
	}

	/** Polls now instead of at the next interval (called after a transaction with appends commits). */
	public void wake() {
		this.woken.set(true);
		this.wakeups.tryEmitNext(Boolean.TRUE);
	}

	/** Seconds since the event time of the oldest unsent row, as of the last poll; 0 when drained. */
	public double oldestAgeSeconds() {
		long oldest = this.oldestUnsent.get();
		return (oldest == 0) ? 0 : Math.max(0, System.currentTimeMillis() - oldest) / 1000.0;
	}

	/** Unsent rows as of the last poll. */
	public long backlog() {
		return this.backlog.get();
	}

	/** Parked rows as of the last poll. */
	public long parked() {
		return this.parked.get();
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		this.stopping = Sinks.empty();
		Sinks.Empty<Void> stopped = this.stopping;
		this.loop = this.topics.ready()
			.onErrorResume(ex -> Mono.empty()) // fails only when the application stops
			.or(stopped.asMono())
			.then(Mono.defer(this::cycle).flatMap(this::pause).repeat(() -> this.running).then())
			.then(Mono.defer(this::resign))
			.doFinally(signal -> stopped())
			.subscribe(null, ex -> log.error("Outbox relay stopped unexpectedly", ex));
	}

	@Override
	public synchronized void stop(Runnable callback) {
		if (!this.running) {
			callback.run();
			return;
		}
		this.onStopped = callback;
		this.running = false;
		this.stopping.tryEmitEmpty();
	}

	@Override
	public void stop() {
		stop(() -> {
		});
	}

	private synchronized void stopped() {
		this.loop = null;
		if (this.onStopped != null) {
			this.onStopped.run();
			this.onStopped = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Stops after the web server's graceful shutdown (rows appended by the last requests still
	 * get published) and before the web server and the connection pools go away.
	 */
	@Override
	public int getPhase() {
		return SHUTDOWN_PHASE;
	}

	/** Between Boot's graceful web shutdown ({@code MAX - 1024}) and the web server stop ({@code MAX - 2048}). */
	public static final int SHUTDOWN_PHASE = Integer.MAX_VALUE - 1536;

	/** One step; returns how long to wait before the next. Never fails. */
	private Mono<Duration> cycle() {
		if (!this.running) {
			return Mono.just(Duration.ZERO);
		}
		OutboxLeader current = this.leader;
		if (current != null && current.lost()) {
			return resign().thenReturn(Duration.ZERO); // lock gone or connection silent: try again as a candidate
		}
		Mono<OutboxLeader> leading = (current != null) ? Mono.just(current)
				: OutboxLeader.tryLead(this.connections, this.properties.relayId(), this.clients,
						this.properties.lockTimeout())
					.doOnNext(leader -> this.leader = leader);
		return leading.flatMap(this::relayBatch).switchIfEmpty(Mono.defer(this::standBy)).onErrorResume(ex -> {
			log.warn("Outbox relay lost its database connection, will retry: " + ex);
			return resign().thenReturn(this.backoff.delay(++this.failures));
		});
	}

	private Mono<Duration> standBy() {
		return this.db.sql("SELECT COUNT(*) AS n FROM chorus_outbox WHERE sent_at IS NULL")
			.map(row -> row.get("n", Long.class))
			.one()
			.doOnNext(this.backlog::set)
			.then(this.db.sql("SELECT COUNT(*) AS n FROM chorus_outbox WHERE parked_at IS NOT NULL AND sent_at IS NULL")
				.map(row -> row.get("n", Long.class))
				.one()
				.doOnNext(this.parked::set))
			.then(this.db.sql("SELECT created_at FROM chorus_outbox WHERE sent_at IS NULL ORDER BY seq LIMIT 1")
				.map(row -> row.get("created_at", LocalDateTime.class))
				.one()
				.map(created -> created.toInstant(ZoneOffset.UTC).toEpochMilli())
				.defaultIfEmpty(0L)
				.doOnNext(this.oldestUnsent::set))
			.thenReturn(this.properties.lockRetryInterval());
	}

	/** Backlog count and the oldest unsent row's time, for the gauges. */
	private Mono<Long> refreshBacklog(OutboxStore leaderStore) {
		return leaderStore.oldestUnsent()
			.map(Instant::toEpochMilli)
			.defaultIfEmpty(0L)
			.doOnNext(this.oldestUnsent::set)
			.then(leaderStore.parked().doOnNext(this.parked::set))
			.then(leaderStore.backlog().doOnNext(this.backlog::set));
	}

	private Mono<Duration> relayBatch(OutboxLeader leader) {
		OutboxStore leaderStore = leader.store();
		OutboxPublisher leaderPublisher = leader.publisher();
		return leaderStore.unsent(this.properties.batchSize()).flatMap(rows -> {
			if (rows.isEmpty()) {
				this.failures = 0;
				// Drained, unless parked rows (and the rows of their keys behind them) are left.
				return refreshBacklog(leaderStore).then(purge(leaderStore)).thenReturn(this.properties.pollInterval());
			}
			return leaderPublisher.publish(rows)
				.then(leaderStore.markSent(rows))
				.then(Mono.fromRunnable(() -> sent(rows)))
				.then(refreshBacklog(leaderStore))
				.map(left -> (rows.size() == this.properties.batchSize()) ? Duration.ZERO : this.properties.pollInterval())
				.onErrorResume(OutboxPublisher.PublishFailure.class, ex -> failedBatch(leaderStore, leaderPublisher, ex));
		});
	}

	private void sent(List<OutboxRow> rows) {
		this.published.increment(rows.size());
		this.failures = 0;
	}

	private Mono<Duration> failedBatch(OutboxStore leaderStore, OutboxPublisher leaderPublisher,
			OutboxPublisher.PublishFailure failure) {
		this.failed.increment();
		Duration wait = this.backoff.delay(++this.failures);
		log.warn("Outbox batch not published (attempt " + this.failures + "), retrying in " + wait + ": "
				+ failure.getCause());
		return leaderStore
			.markFailed(failure.seq(), String.valueOf(failure.getCause()), failure.rowAtFault(),
					this.properties.maxAttempts())
			.then(leaderPublisher.reset())
			.then(refreshBacklog(leaderStore))
			.thenReturn(wait);
	}

	private Mono<Void> purge(OutboxStore leaderStore) {
		long now = System.currentTimeMillis();
		if (now - this.lastPurge < PURGE_INTERVAL.toMillis()) {
			return Mono.empty();
		}
		this.lastPurge = now;
		return leaderStore.purgeSent(this.properties.keepSent());
	}

	private Mono<Void> pause(Duration wait) {
		if (wait.isZero() || !this.running || this.woken.getAndSet(false)) {
			return Mono.empty();
		}
		return Mono.firstWithSignal(Mono.delay(wait).then(), this.wakeups.asFlux().next().then(),
				this.stopping.asMono());
	}

	private Mono<Void> resign() {
		OutboxLeader current = this.leader;
		this.leader = null;
		return (current != null) ? current.resign() : Mono.empty();
	}

}
