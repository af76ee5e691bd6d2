package io.chorus.platform.events.outbox;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import io.chorus.platform.events.CloudEvent;
import io.chorus.platform.events.CloudEventCodec;
import io.chorus.platform.events.EventHeaders;
import io.chorus.platform.events.TraceparentSource;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends events to the {@code chorus_outbox} table inside the caller's R2DBC transaction, so
 * the business change and its event commit or roll back together. The relay publishes them.
 *
 * <p>Usage, with {@code @Transactional} or a {@code TransactionalOperator} around both writes:
 * <pre>{@code
 * posts.insert(post).then(outbox.append("content.events", events.create(type, post.id(), post)))
 * }</pre>
 * Outside a transaction {@code append} fails rather than write a row that could commit without
 * the business change (or the other way round).
 */
public final class Outbox {

	static final String INSERT = "INSERT INTO chorus_outbox (event_id, topic, record_key, payload, headers, created_at)"
			+ " VALUES (:eventId, :topic, :recordKey, :payload, :headers, :createdAt)";

	private final DatabaseClient db;

	private final CloudEventCodec codec;

	private final TraceparentSource traces;

	private final Predicate<String> declaredTopics;

	private final Runnable afterCommit;

	/**
	 * @param declaredTopics topics the relay can publish to (the Kafka topic declarations)
	 * @param afterCommit called after a transaction with appended events commits (wakes the relay)
	 */
	public Outbox(DatabaseClient db, CloudEventCodec codec, TraceparentSource traces, Predicate<String> declaredTopics,
			Runnable afterCommit) {
		this.db = db;
		this.codec = codec;
		this.traces = traces;
		this.declaredTopics = declaredTopics;
		this.afterCommit = afterCommit;
	}

	/** Writes one event for {@code topic}, keyed by its subject (the aggregate id). */
	public Mono<Void> append(String topic, CloudEvent event) {
		if (!this.declaredTopics.test(topic)) {
			return Mono.error(new IllegalArgumentException("Topic '" + topic
					+ "' is not declared: add chorus.kafka.topics[" + topic + "] so it is created before use"));
		}
		return TransactionSynchronizationManager.forCurrentTransaction()
			.filter(TransactionSynchronizationManager::isActualTransactionActive)
			.onErrorResume(NoTransactionException.class, ex -> Mono.empty())
			.switchIfEmpty(Mono.error(() -> new IllegalStateException(
					"Outbox.append must run inside the caller's transaction (@Transactional or TransactionalOperator)")))
			.flatMap(tx -> this.traces.current().map(Optional::of).defaultIfEmpty(Optional.empty()).flatMap(trace -> {
				tx.registerSynchronization(new WakeRelay(this.afterCommit));
				DatabaseClient.GenericExecuteSpec insert = this.db.sql(INSERT)
					.bind("eventId", event.id())
					.bind("topic", topic)
					.bind("recordKey", event.subject())
					.bind("payload", this.codec.encode(event))
					.bind("createdAt", LocalDateTime.ofInstant(event.time(), ZoneOffset.UTC));
				insert = trace.isPresent()
						? insert.bind("headers", JsonMapper.shared().writeValueAsString(Map.of(EventHeaders.TRACEPARENT, trace.get())))
						: insert.bindNull("headers", String.class);
				return insert.fetch().rowsUpdated();
			}))
			.then();
	}

	private record WakeRelay(Runnable wake) implements TransactionSynchronization {

		@Override
		public Mono<Void> afterCommit() {
			return Mono.fromRunnable(this.wake);
		}

	}

}
