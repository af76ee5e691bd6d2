package io.chorus.member.domain;

import java.time.Duration;

import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;

import org.springframework.dao.PessimisticLockingFailureException;

/**
 * Re-runs a whole transaction that InnoDB chose as a deadlock victim (error 1213, which Spring
 * reports as {@link PessimisticLockingFailureException}). Concurrent inserts of the same unique
 * key take shared locks on the duplicate and can deadlock each other; the rerun then sees the
 * winner's row and fails with the ordinary "taken" answer instead of a 500.
 */
final class DeadlockRetry {

	private static final RetryBackoffSpec SPEC = Retry.backoff(3, Duration.ofMillis(15))
		.maxBackoff(Duration.ofMillis(200))
		.jitter(0.5)
		.filter(PessimisticLockingFailureException.class::isInstance)
		.onRetryExhaustedThrow((spec, signal) -> signal.failure());

	private DeadlockRetry() {
	}

	/** Use as {@code tx.transactional(work).retryWhen(DeadlockRetry.spec())}: each retry opens a new transaction. */
	static Retry spec() {
		return SPEC;
	}

}
