package io.chorus.member.config;

import java.time.Duration;

import io.chorus.member.domain.Passwords;
import io.chorus.member.domain.SigningKeyRing;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Ticks {@link SigningKeyRing#rotateIfDue()} every {@code chorus.member.keys.check-interval}
 * (first tick at start-up) on its own timer thread, never an event loop. A failed tick (database
 * down) is logged and retried on the next one; requests rotate on their own at a slot boundary.
 */
@Component
class KeyRotationSchedule implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(KeyRotationSchedule.class);

	private final SigningKeyRing keys;

	private final Passwords passwords;

	private final MemberProperties properties;

	private final Scheduler timer = Schedulers.newSingle("member-key-rotation");

	private volatile @Nullable Disposable ticking;

	KeyRotationSchedule(SigningKeyRing keys, Passwords passwords, MemberProperties properties) {
		this.keys = keys;
		this.passwords = passwords;
		this.properties = properties;
	}

	@Override
	public void start() {
		this.passwords.warmUp().subscribe(null, (ex) -> log.warn("Could not pre-compute the dummy password hash", ex));
		this.ticking = Flux.interval(Duration.ZERO, this.properties.keys().checkInterval(), this.timer)
			.onBackpressureDrop()
			.concatMap((tick) -> this.keys.rotateIfDue()
				.onErrorResume((ex) -> {
					log.warn("Signing key check failed; retrying at the next tick: {}", ex.toString());
					return Mono.empty();
				}), 1)
			.subscribe();
	}

	@Override
	public void stop() {
		Disposable current = this.ticking;
		if (current != null) {
			current.dispose();
		}
		this.ticking = null;
		this.timer.dispose();
	}

	@Override
	public boolean isRunning() {
		return this.ticking != null;
	}

}
