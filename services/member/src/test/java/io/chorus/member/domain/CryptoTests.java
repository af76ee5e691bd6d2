package io.chorus.member.domain;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.chorus.platform.web.ProblemException;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class CryptoTests {

	@Test
	void runsOffTheCallersThreadOnTheBoundedScheduler() {
		Scheduler scheduler = Schedulers.newBoundedElastic(1, 10, "crypto-test");
		try {
			StepVerifier.create(new Crypto(scheduler, Duration.ofSeconds(5)).run(() -> Thread.currentThread().getName()))
				.assertNext((name) -> assertThat(name).startsWith("crypto-test"))
				.verifyComplete();
		}
		finally {
			scheduler.dispose();
		}
	}

	@Test
	void aFullQueueShedsWorkWith503InsteadOfGrowing() throws InterruptedException {
		Scheduler scheduler = Schedulers.newBoundedElastic(1, 1, "crypto-test");
		Crypto crypto = new Crypto(scheduler, Duration.ofSeconds(5));
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch running = new CountDownLatch(1);
		try {
			Disposable busy = crypto.run(() -> {
				running.countDown();
				return release.await(10, TimeUnit.SECONDS);
			}).subscribe();
			assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
			Disposable queued = crypto.run(() -> true).subscribe();
			StepVerifier.create(crypto.run(() -> true))
				.expectErrorSatisfies((ex) -> {
					assertThat(ex).isInstanceOf(ProblemException.class);
					assertThat(((ProblemException) ex).status().value()).isEqualTo(503);
					assertThat(((ProblemException) ex).headers().getFirst("Retry-After")).isEqualTo("1");
				})
				.verify(Duration.ofSeconds(5));
			release.countDown();
			busy.dispose();
			queued.dispose();
		}
		finally {
			release.countDown();
			scheduler.dispose();
		}
	}

	@Test
	void workThatCannotRunInTimeIsShedWith503AndSkipped() throws InterruptedException {
		Scheduler scheduler = Schedulers.newBoundedElastic(1, 10, "crypto-test");
		Crypto crypto = new Crypto(scheduler, Duration.ofMillis(200));
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch running = new CountDownLatch(1);
		AtomicBoolean ran = new AtomicBoolean();
		try {
			Disposable busy = crypto.run(() -> {
				running.countDown();
				return release.await(10, TimeUnit.SECONDS);
			}).subscribe(null, (ex) -> { });
			assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
			StepVerifier.create(crypto.run(() -> ran.getAndSet(true)))
				.expectErrorSatisfies((ex) -> assertThat(((ProblemException) ex).status().value()).isEqualTo(503))
				.verify(Duration.ofSeconds(5));
			release.countDown();
			busy.dispose();
			// the shed work gets the thread now, and does nothing
			StepVerifier.create(Mono.delay(Duration.ofMillis(300)).then(Mono.fromCallable(ran::get)))
				.expectNext(false)
				.verifyComplete();
		}
		finally {
			release.countDown();
			scheduler.dispose();
		}
	}

}
