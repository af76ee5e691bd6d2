package io.chorus.platform.events.outbox;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The relay's SQL, all on one dedicated connection that also holds the relay's named lock.
 *
 * <p>Why a MariaDB/MySQL named lock ({@code GET_LOCK}) rather than {@code SELECT ... FOR UPDATE}:
 * the relay must hold its claim while it waits on Kafka, which can take as long as the broker is
 * down. Row locks held that long would block the services' own inserts into the outbox (InnoDB
 * next-key locks on the unsent range), and {@code SKIP LOCKED} would let a second replica
 * publish later rows of the same key first. A named lock excludes the other replicas without
 * touching the table, and the server releases it the moment the connection dies, so a crashed
 * relay is replaced after one {@code lock-retry-interval}. Running every statement on the lock
 * connection also proves the lock is still held: if the connection is gone, so is the lock, and
 * the query fails before anything is published.
 */
final class OutboxStore {

	private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
	};

	private final Connection connection;

	private final String lockName;

	private final Duration timeout;

	/** Completes when the last statement submitted on this connection has finished. */
	private final AtomicReference<Mono<Void>> tail = new AtomicReference<>(Mono.empty());

	/**
	 * @param timeout bound of every statement: on a connection that went silent (a partition) a
	 * statement would otherwise wait forever, and with it the relay
	 */
	OutboxStore(Connection connection, String lockName, Duration timeout) {
		this.connection = connection;
		this.lockName = lockName;
		this.timeout = timeout;
	}

	/** Name of the database the connection works in (the default relay id). */
	static Mono<String> database(Connection connection) {
		return first(connection.createStatement("SELECT DATABASE() AS db"), row -> row.get("db", String.class));
	}

	/**
	 * Bounds how long the server keeps this connection, and so the lock, once the relay stops
	 * talking to it without closing it (a partitioned or frozen leader): the server drops an idle
	 * session after {@code wait_timeout}, MySQL's default 8 h. The relay's heartbeat keeps a live
	 * leader's session busy well within it.
	 */
	Mono<Void> limitIdleSession(Duration idle) {
		long seconds = Math.max(1, idle.toSeconds());
		return execute(this.connection.createStatement("SET SESSION wait_timeout = " + seconds
				+ ", SESSION net_read_timeout = " + seconds + ", SESSION net_write_timeout = " + seconds));
	}

	/** True while this connection still holds the relay lock. */
	Mono<Boolean> holdsLock() {
		Statement held = this.connection
			.createStatement("SELECT IS_USED_LOCK(?) = CONNECTION_ID() AS held")
			.bind(0, this.lockName);
		return single(held, row -> row.get("held", Long.class)).map(held1 -> held1 == 1L).defaultIfEmpty(false);
	}

	/** Tries once, without waiting, to take the relay lock. */
	Mono<Boolean> tryLock() {
		Statement lock = this.connection.createStatement("SELECT GET_LOCK(?, 0) AS locked").bind(0, this.lockName);
		return single(lock, row -> row.get("locked", Long.class)).map(locked -> locked == 1L).defaultIfEmpty(false);
	}

	Mono<Void> unlock() {
		Statement unlock = this.connection.createStatement("SELECT RELEASE_LOCK(?) AS released").bind(0, this.lockName);
		return single(unlock, row -> row.get("released", Long.class)).then();
	}

	/**
	 * The next unsent rows in order, leaving out parked rows and every later row of a parked
	 * row's topic and key (they wait behind it, so consumers never see a key's events out of order).
	 */
	Mono<List<OutboxRow>> unsent(int limit) {
		Statement select = this.connection
			.createStatement("SELECT seq, event_id, topic, record_key, payload, headers, created_at FROM chorus_outbox o"
					+ " WHERE sent_at IS NULL AND parked_at IS NULL AND NOT EXISTS (SELECT 1 FROM chorus_outbox p"
					+ " WHERE p.parked_at IS NOT NULL AND p.sent_at IS NULL AND p.topic = o.topic"
					+ " AND p.record_key = o.record_key AND p.seq < o.seq) ORDER BY seq LIMIT ?")
			.bind(0, limit);
		return bounded(Flux.from(select.execute()).concatMap(result -> result.map(OutboxStore::row)).collectList());
	}

	/** Marks exactly these rows sent (an id range could include rows committed meanwhile). */
	Mono<Void> markSent(List<OutboxRow> rows) {
		String ids = rows.stream().map(row -> Long.toString(row.seq())).collect(Collectors.joining(","));
		return update("UPDATE chorus_outbox SET sent_at = UTC_TIMESTAMP(6), attempts = attempts + 1, last_error = NULL"
				+ " WHERE seq IN (" + ids + ")");
	}

	/**
	 * Records a failed publish of the row. When the row itself is to blame it counts as an attempt,
	 * and the row is parked once it has had {@code maxAttempts}; an outage only notes the error.
	 */
	Mono<Void> markFailed(long seq, String error, boolean rowAtFault, int maxAttempts) {
		String truncated = (error.length() > 1000) ? error.substring(0, 1000) : error;
		int increment = rowAtFault ? 1 : 0;
		return execute(this.connection
			.createStatement("UPDATE chorus_outbox SET attempts = attempts + ?, last_error = ?,"
					+ " parked_at = CASE WHEN attempts >= ? THEN UTC_TIMESTAMP(6) ELSE NULL END WHERE seq = ?")
			.bind(0, increment)
			.bind(1, truncated)
			.bind(2, maxAttempts)
			.bind(3, seq));
	}

	/** How many rows are parked (and not sent). */
	Mono<Long> parked() {
		return single(this.connection.createStatement(
				"SELECT COUNT(*) AS n FROM chorus_outbox WHERE parked_at IS NOT NULL AND sent_at IS NULL"),
				row -> row.get("n", Long.class))
			.defaultIfEmpty(0L);
	}

	Mono<Long> backlog() {
		return single(this.connection.createStatement("SELECT COUNT(*) AS n FROM chorus_outbox WHERE sent_at IS NULL"),
				row -> row.get("n", Long.class))
			.defaultIfEmpty(0L);
	}

	/** Event time of the oldest unsent row (first in relay order); empty when drained. */
	Mono<Instant> oldestUnsent() {
		return single(this.connection.createStatement(
				"SELECT created_at FROM chorus_outbox WHERE sent_at IS NULL ORDER BY seq LIMIT 1"),
				row -> row.get("created_at", LocalDateTime.class))
			.map(created -> created.toInstant(ZoneOffset.UTC));
	}

	/** Deletes a bounded number of rows sent longer than {@code keep} ago. */
	Mono<Void> purgeSent(Duration keep) {
		return execute(this.connection
			.createStatement("DELETE FROM chorus_outbox WHERE sent_at < UTC_TIMESTAMP(6) - INTERVAL ? SECOND LIMIT 1000")
			.bind(0, keep.toSeconds()));
	}

	private Mono<Void> update(String sql) {
		return execute(this.connection.createStatement(sql));
	}

	private Mono<Void> execute(Statement statement) {
		return bounded(Flux.from(statement.execute()).concatMap(Result::getRowsUpdated).then());
	}

	private <T> Mono<T> single(Statement statement, Function<Readable, @Nullable T> mapper) {
		return bounded(first(statement, mapper));
	}

	/**
	 * One statement at a time on the connection (r2dbc-mysql does not multiplex: the heartbeat and
	 * the relay loop would otherwise collide), each bounded by the timeout.
	 */
	private <T> Mono<T> bounded(Mono<T> statement) {
		return Mono.defer(() -> {
			Sinks.Empty<Void> done = Sinks.empty();
			Mono<Void> previous = this.tail.getAndSet(done.asMono());
			return previous.then(statement.timeout(this.timeout)).doFinally(signal -> done.tryEmitEmpty());
		});
	}

	/** First row's value; empty when there is no row or the value is SQL NULL. */
	private static <T> Mono<T> first(Statement statement, Function<Readable, @Nullable T> mapper) {
		return Flux.from(statement.execute())
			.concatMap(result -> result.map(row -> Optional.ofNullable(mapper.apply(row))))
			.next()
			.flatMap(Mono::justOrEmpty);
	}

	private static OutboxRow row(Readable row) {
		String headers = row.get("headers", String.class);
		LocalDateTime created = row.get("created_at", LocalDateTime.class);
		return new OutboxRow(required(row.get("seq", Long.class)), required(row.get("event_id", String.class)),
				required(row.get("topic", String.class)), required(row.get("record_key", String.class)),
				required(row.get("payload", byte[].class)),
				(headers != null) ? JsonMapper.shared().readValue(headers, HEADERS) : Collections.emptyMap(),
				required(created).toInstant(ZoneOffset.UTC));
	}

	private static <T> T required(@Nullable T value) {
		if (value == null) {
			throw new IllegalStateException("chorus_outbox row with a NULL in a NOT NULL column");
		}
		return value;
	}

}
