package io.chorus.member.domain;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.chorus.platform.web.ProblemException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.http.HttpStatus;

/**
 * Runs CPU-heavy or {@code SecureRandom}-reading work (Argon2, key generation, signing) on a
 * bounded scheduler, never on the event loop. When its queue is full, or the work has not got a
 * thread within {@code maxWait} (starved CPU, a long queue), the request is shed with a 503
 * instead of piling up threads or memory or hanging until the client gives up; the shed work is
 * dropped from the queue (or skipped if it gets a thread anyway).
 */
public final class Crypto {

	private final Scheduler scheduler;

	private final Duration maxWait;

	public Crypto(Scheduler scheduler, Duration maxWait) {
		this.scheduler = scheduler;
		this.maxWait = maxWait;
	}

	public <T> Mono<T> run(Callable<T> work) {
		return Mono.defer(() -> {
			long queuedAt = System.nanoTime();
			AtomicBoolean started = new AtomicBoolean();
			Mono<T> task = Mono.fromCallable(() -> {
				if (System.nanoTime() - queuedAt > this.maxWait.toNanos()) {
					throw busy(null); // its request has been answered already
				}
				started.set(true);
				return work.call();
			}).subscribeOn(this.scheduler);
			// Bounds the wait for a thread only: work that has started is never cut off (it would
			// be interrupted, and a key generation lost, on a merely slow machine).
			Mono<Long> waitedTooLong = Mono.delay(this.maxWait)
				.filter((tick) -> !started.get())
				.switchIfEmpty(Mono.never());
			return task.timeout(waitedTooLong, Mono.error(() -> busy(null)));
		}).onErrorMap(RejectedExecutionException.class, Crypto::busy);
	}

	public Scheduler scheduler() {
		return this.scheduler;
	}

	private static ProblemException busy(@Nullable Throwable cause) {
		ProblemException.Builder problem = ProblemException.of(HttpStatus.SERVICE_UNAVAILABLE)
			.detail("Too many sign-ins at once; try again shortly.")
			.header("Retry-After", "1");
		return ((cause != null) ? problem.cause(cause) : problem).build();
	}

}
