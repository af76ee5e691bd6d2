package io.chorus.platform.events.outbox;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.chorus.platform.events.kafka.EventRecords;
import io.chorus.platform.events.kafka.KafkaClients;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.SenderRecord;
import reactor.kafka.sender.SenderResult;
import reactor.kafka.sender.TransactionManager;

/**
 * Publishes one batch of outbox rows as one Kafka transaction.
 *
 * <p>Why a transaction on top of acks=all and idempotence: when a send fails (say the broker was
 * down longer than {@code delivery.timeout.ms}), records queued after it in the producer may
 * still be delivered once the broker is back. Publishing the failed row again later would then
 * put it after a newer event of the same key. Inside a transaction any failure aborts the whole
 * batch: consumers (read_committed) never see any of it, nothing is marked sent, and the next
 * attempt publishes the batch again in sequence order. Any failure also discards the producer;
 * the next one re-initialises the same transactional id, which aborts whatever the old one left
 * open and fences it if it is still alive somewhere.
 */
final class OutboxPublisher {

	private static final Log log = LogFactory.getLog(OutboxPublisher.class);

	private final KafkaClients clients;

	private final String transactionalId;

	private @Nullable KafkaSender<String, byte[]> sender;

	OutboxPublisher(KafkaClients clients, String transactionalId) {
		this.clients = clients;
		this.transactionalId = transactionalId;
	}

	/** Publishes {@code rows} atomically, or fails with the sequence number of the first failed row. */
	Mono<Void> publish(List<OutboxRow> rows) {
		return sender().flatMap(kafka -> {
			TransactionManager tx = kafka.transactionManager();
			return tx.begin()
				.thenMany(kafka.send(Flux.fromIterable(rows).map(OutboxPublisher::record)))
				.collectList()
				.flatMap(results -> {
					Optional<SenderResult<Long>> failed = results.stream()
						.filter(result -> result.exception() != null)
						.min(Comparator.comparing(SenderResult::correlationMetadata));
					if (failed.isPresent()) {
						Exception cause = failed.get().exception();
						return tx.<Void>abort()
							.onErrorResume(ex -> Mono.empty())
							.then(Mono.error(new PublishFailure(failed.get().correlationMetadata(), cause)));
					}
					if (results.size() != rows.size()) {
						return tx.<Void>abort().then(Mono.error(new IllegalStateException("missing send results")));
					}
					return tx.<Void>commit();
				});
		}).onErrorMap(ex -> !(ex instanceof PublishFailure), ex -> new PublishFailure(rows.get(0).seq(), ex));
	}

	/** Closes the current producer (if any) off the event loops; the next publish makes a new one. */
	Mono<Void> reset() {
		KafkaSender<String, byte[]> current = this.sender;
		this.sender = null;
		if (current == null) {
			return Mono.empty();
		}
		return Mono.fromRunnable(() -> {
			try {
				current.close(); // blocks until the producer is closed: boundedElastic, not an event loop
			}
			catch (RuntimeException ex) {
				log.debug("Closing the outbox producer failed", ex);
			}
		}).subscribeOn(Schedulers.boundedElastic()).then();
	}

	/**
	 * The current producer, or a new one made on boundedElastic: a transactional
	 * {@code KafkaSender.create} runs {@code initTransactions()} in its constructor, which waits for
	 * the transaction coordinator (parks the thread). Called from the relay loop, that would be the
	 * database connection's event loop, typically right after a reconnect.
	 */
	private Mono<KafkaSender<String, byte[]>> sender() {
		KafkaSender<String, byte[]> current = this.sender;
		if (current != null) {
			return Mono.just(current);
		}
		return Mono.fromCallable(() -> KafkaSender.create(this.clients.transactionalSenderOptions(this.transactionalId)
			.stopOnError(false)
			.closeTimeout(Duration.ofSeconds(5))))
			.subscribeOn(Schedulers.boundedElastic())
			.doOnNext(created -> this.sender = created);
	}

	private static SenderRecord<String, byte[], Long> record(OutboxRow row) {
		try {
			return SenderRecord.create(EventRecords.record(row.topic(), row.key(), row.payload(), row.createdAt(),
					row.headers()), row.seq());
		}
		catch (RuntimeException ex) {
			throw new PublishFailure(row.seq(), ex); // this row cannot become a record
		}
	}

	/** A batch was not published; {@code seq} is the row to blame in {@code last_error}. */
	static final class PublishFailure extends RuntimeException {

		/** Failures that only this row's content or destination causes: retrying cannot help. */
		private static final List<Class<? extends Throwable>> ROW_FAULTS = List.of(RecordTooLargeException.class,
				InvalidTopicException.class, SerializationException.class, InvalidRecordException.class,
				IllegalArgumentException.class);

		private final long seq;

		PublishFailure(long seq, Throwable cause) {
			super("publishing outbox row " + seq + " failed: " + cause, cause);
			this.seq = seq;
		}

		long seq() {
			return this.seq;
		}

		/** Whether the row itself is to blame (counts toward parking), not Kafka being unavailable. */
		boolean rowAtFault() {
			for (Throwable cause = getCause(); cause != null; cause = cause.getCause()) {
				for (Class<? extends Throwable> fault : ROW_FAULTS) {
					if (fault.isInstance(cause)) {
						return true;
					}
				}
			}
			return false;
		}

	}

}
