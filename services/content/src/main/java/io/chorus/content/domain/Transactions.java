package io.chorus.content.domain;

import java.time.Duration;
import java.util.function.Supplier;

import io.r2dbc.spi.R2dbcException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Runs short write transactions and re-runs one that lost a lock conflict (MySQL/MariaDB 1213
 * deadlock, 1205 lock wait timeout) after a small jittered backoff, a few times. The work is
 * re-subscribed from scratch, so it must build its values (ids, times) inside the supplier. When
 * every attempt lost, the caller gets 503 + Retry-After rather than a 500.
 */
public final class Transactions {

	private static final Logger log = LoggerFactory.getLogger(Transactions.class);

	private static final int ER_LOCK_DEADLOCK = 1213;

	private static final int ER_LOCK_WAIT_TIMEOUT = 1205;

	private final TransactionalOperator tx;

	private final int retries;

	private final Duration backoff;

	public Transactions(TransactionalOperator tx, int retries, Duration backoff) {
		this.tx = tx;
		this.retries = retries;
		this.backoff = backoff;
	}

	public <T> Mono<T> run(Supplier<Mono<T>> work) {
		return Mono.defer(() -> this.tx.transactional(Mono.defer(work)))
			.retryWhen(Retry.backoff(this.retries, this.backoff)
				.jitter(0.5)
				.filter(Transactions::isLockConflict)
				.doBeforeRetry((signal) -> log.debug("Retrying a transaction after a lock conflict (attempt {}): {}",
						signal.totalRetries() + 2, signal.failure().toString()))
				.onRetryExhaustedThrow((spec, signal) -> ContentProblems.busy()));
	}

	/** A deadlock or lock wait timeout, as Spring translates it or as the driver raised it. */
	static boolean isLockConflict(Throwable ex) {
		for (Throwable t = ex; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
			if (t instanceof PessimisticLockingFailureException) {
				return true;
			}
			if (t instanceof R2dbcException r2dbc
					&& (r2dbc.getErrorCode() == ER_LOCK_DEADLOCK || r2dbc.getErrorCode() == ER_LOCK_WAIT_TIMEOUT)) {
				return true;
			}
		}
		return false;
	}

}
