package io.chorus.member.domain;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;

import static org.assertj.core.api.Assertions.assertThat;

class DeadlockRetryTests {

	@Test
	void aDeadlockVictimIsRunAgainUntilItSucceeds() {
		AtomicInteger attempts = new AtomicInteger();
		Mono<String> work = Mono.defer(() -> (attempts.incrementAndGet() < 3)
				? Mono.error(new PessimisticLockingFailureException("Deadlock found when trying to get lock"))
				: Mono.just("committed"));
		StepVerifier.create(work.retryWhen(DeadlockRetry.spec())).expectNext("committed").verifyComplete();
		assertThat(attempts).hasValue(3);
	}

	@Test
	void otherFailuresAreNotRetried() {
		AtomicInteger attempts = new AtomicInteger();
		Mono<String> work = Mono.defer(() -> {
			attempts.incrementAndGet();
			return Mono.error(new DataIntegrityViolationException("Duplicate entry"));
		});
		StepVerifier.create(work.retryWhen(DeadlockRetry.spec()))
			.expectError(DataIntegrityViolationException.class)
			.verify();
		assertThat(attempts).hasValue(1);
	}

	@Test
	void aPersistentDeadlockGivesUpWithTheOriginalError() {
		AtomicInteger attempts = new AtomicInteger();
		Mono<String> work = Mono.defer(() -> {
			attempts.incrementAndGet();
			return Mono.error(new PessimisticLockingFailureException("Deadlock"));
		});
		StepVerifier.create(work.retryWhen(DeadlockRetry.spec()))
			.expectError(PessimisticLockingFailureException.class)
			.verify();
		assertThat(attempts).hasValue(4);
	}

}
