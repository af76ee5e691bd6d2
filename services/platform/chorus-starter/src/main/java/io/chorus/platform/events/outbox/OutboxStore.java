package io.chorus.platform.events.outbox;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
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

	OutboxStore(Connection connection, String lockName) {
		this.connection = connection;
		this.lockName = lockName;
	}

	/** Name of the database the connection works in (the default relay id). */
	static Mono<String> database(Connection connection) {
		return single(connection.createStatement("SELECT DATABASE() AS db"), row -> row.get("db", String.class));
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

	Mono<List<OutboxRow>> unsent(int limit) {
		Statement select = this.connection
			.createStatement("SELECT seq, event_id, topic, record_key, payload, headers, created_at FROM chorus_outbox"
					+ " WHERE sent_at IS NULL ORDER BY seq LIMIT ?")
			.bind(0, limit);
		return Flux.from(select.execute()).concatMap(result -> result.map(OutboxStore::row)).collectList();
	}

	/** Marks exactly these rows sent (an id range could include rows committed meanwhile). */
	Mono<Void> markSent(List<OutboxRow> rows) {
		String ids = rows.stream().map(row -> Long.toString(row.seq())).collect(Collectors.joining(","));
		return update("UPDATE chorus_outbox SET sent_at = UTC_TIMESTAMP(6), attempts = attempts + 1, last_error = NULL"
				+ " WHERE seq IN (" + ids + ")");
	}

	Mono<Void> markFailed(long seq, String error) {
		String truncated = (error.length() > 1000) ? error.substring(0, 1000) : error;
		return execute(this.connection
			.createStatement("UPDATE chorus_outbox SET attempts = attempts + 1, last_error = ? WHERE seq = ?")
			.bind(0, truncated)
			.bind(1, seq));
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

	private static Mono<Void> execute(Statement statement) {
		return Flux.from(statement.execute()).concatMap(Result::getRowsUpdated).then();
	}

	/** First row's value; empty when there is no row or the value is SQL NULL. */
	private static <T> Mono<T> single(Statement statement, Function<Readable, @Nullable T> mapper) {
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
