package io.chorus.content.domain;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.chorus.platform.web.ProblemException;
import io.r2dbc.spi.R2dbcRollbackException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.ReactiveTransaction;
import org.springframework.transaction.reactive.TransactionCallback;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;

class TransactionsTests {

	/** Runs the work as is: what matters here is what is re-run, not the transaction itself. */
	private static final TransactionalOperator NO_TX = new TransactionalOperator() {

		@Override
		public <T> reactor.core.publisher.Flux<T> execute(TransactionCallback<T> action) {
			return reactor.core.publisher.Flux.from(action.doInTransaction(null));
		}

		@Override
		public <T> Mono<T> transactional(Mono<T> mono) {
			return mono;
		}

	};

	private final Transactions transactions = new Transactions(NO_TX, 3, Duration.ofMillis(1));

	@Test
	void aDeadlockedTransactionIsRunAgain() {
		AtomicInteger attempts = new AtomicInteger();
		Mono<String> work = this.transactions.run(() -> (attempts.incrementAndGet() < 3)
				? Mono.error(new CannotAcquireLockException("Deadlock found when trying to get lock"))
				: Mono.just("done"));
		StepVerifier.create(work).expectNext("done").verifyComplete();
		assertThat(attempts).hasValue(3);
	}

	@Test
	void theDriversDeadlockErrorCodeCountsToo() {
		AtomicInteger attempts = new AtomicInteger();
		Mono<String> work = this.transactions.run(() -> (attempts.incrementAndGet() < 2)
				? Mono.error(new R2dbcRollbackException("Deadlock", "40001", 1213))
				: Mono.just("done"));
		StepVerifier.create(work).expectNext("done").verifyComplete();
		assertThat(attempts).hasValue(2);
	}

	@Test
	void otherFailuresAreNotRetried() {
		AtomicInteger attempts = new AtomicInteger();
		Mono<String> work = this.transactions.run(() -> {
			attempts.incrementAndGet();
			return Mono.error(new DataIntegrityViolationException("duplicate"));
		});
		StepVerifier.create(work).expectError(DataIntegrityViolationException.class).verify();
		assertThat(attempts).hasValue(1);
	}

	@Test
	void problemsAreNotRetried() {
		AtomicInteger attempts = new AtomicInteger();
		Mono<String> work = this.transactions.run(() -> {
			attempts.incrementAndGet();
			return Mono.error(ContentProblems.notAuthor("post"));
		});
		StepVerifier.create(work).expectError(ProblemException.class).verify();
		assertThat(attempts).hasValue(1);
	}

	@Test
	void aTransactionThatKeepsLosingEndsIn503() {
		AtomicInteger attempts = new AtomicInteger();
		Mono<String> work = this.transactions.run(() -> {
			attempts.incrementAndGet();
			return Mono.error(new CannotAcquireLockException("Deadlock"));
		});
		StepVerifier.create(work)
			.expectErrorSatisfies((ex) -> assertThat(((ProblemException) ex).status().value()).isEqualTo(503))
			.verify();
		assertThat(attempts).hasValue(4);
	}

	@Test
	void eachAttemptBuildsItsWorkAfresh() {
		AtomicInteger built = new AtomicInteger();
		Mono<Integer> work = this.transactions.run(() -> {
			int n = built.incrementAndGet();
			return (n == 1) ? Mono.error(new CannotAcquireLockException("Deadlock")) : Mono.just(n);
		});
		StepVerifier.create(work).expectNext(2).verifyComplete();
	}

	@Test
	void lockConflictsAreFoundInTheCauseChain() {
		assertThat(Transactions.isLockConflict(new IllegalStateException(new R2dbcRollbackException("x", "40001", 1213))))
			.isTrue();
		assertThat(Transactions.isLockConflict(new R2dbcRollbackException("lock wait", "HY000", 1205))).isTrue();
		assertThat(Transactions.isLockConflict(new R2dbcRollbackException("other", "HY000", 1062))).isFalse();
	}

}
