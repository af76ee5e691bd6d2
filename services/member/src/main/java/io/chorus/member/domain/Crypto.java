package io.chorus.member.domain;

import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;

import io.chorus.platform.web.ProblemException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.http.HttpStatus;

/**
 * Runs CPU-heavy or {@code SecureRandom}-reading work (Argon2, key generation, signing) on a
 * bounded scheduler, never on the event loop. When its queue is full the request is shed with a
 * 503 instead of piling up threads or memory.
 */
public final class Crypto {

	private final Scheduler scheduler;

	public Crypto(Scheduler scheduler) {
		this.scheduler = scheduler;
	}

	public <T> Mono<T> run(Callable<T> work) {
		return Mono.fromCallable(work)
			.subscribeOn(this.scheduler)
			.onErrorMap(RejectedExecutionException.class,
					(ex) -> ProblemException.of(HttpStatus.SERVICE_UNAVAILABLE)
						.detail("Too many sign-ins at once; try again shortly.")
						.header("Retry-After", "1")
						.cause(ex)
						.build());
	}

	public Scheduler scheduler() {
		return this.scheduler;
	}

}
