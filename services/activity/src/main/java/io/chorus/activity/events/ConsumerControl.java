package io.chorus.activity.events;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.chorus.platform.events.consumer.EventConsumer;
import io.chorus.platform.events.replay.DeadLetterReplay;
import io.chorus.platform.events.replay.ReplayTool;
import io.chorus.platform.events.replay.Rewind;
import io.chorus.platform.web.ProblemException;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.http.HttpStatus;

/**
 * Operator actions on this service's consumer group, through the starter's {@link ReplayTool}.
 * A rewind needs the group to have no active members, so it stops this instance's consumer,
 * rewinds (retrying while Kafka still lists the leaving member), and starts the consumer again
 * whatever happened. Other replicas must be scaled down first: Kafka refuses the rewind while
 * any member is active, and this answers 409 after {@code rewindTimeout}.
 */
public final class ConsumerControl {

	private final EventConsumer consumer;

	private final ReplayTool replay;

	private final Duration rewindTimeout;

	private final AtomicBoolean rewinding = new AtomicBoolean();

	public ConsumerControl(EventConsumer consumer, ReplayTool replay, Duration rewindTimeout) {
		this.consumer = consumer;
		this.replay = replay;
		this.rewindTimeout = rewindTimeout;
	}

	public String group() {
		return this.consumer.group();
	}

	public Mono<DeadLetterReplay> replayDeadLetters(String topic) {
		return this.replay.replayDeadLetters(topic, group());
	}

	public Mono<Rewind> rewind(String topic, Instant from) {
		return Mono.defer(() -> {
			if (!this.rewinding.compareAndSet(false, true)) {
				return Mono.error(ProblemException.conflict("A rewind of group " + group() + " is already running."));
			}
			return stopConsumer()
				.then(Mono.defer(() -> this.replay.rewind(topic, group(), from))
					.retryWhen(Retry.fixedDelay(Long.MAX_VALUE, Duration.ofMillis(500))
						.filter(IllegalStateException.class::isInstance))
					.timeout(this.rewindTimeout))
				.onErrorMap(TimeoutException.class, ex -> ProblemException.of(HttpStatus.CONFLICT)
					.detail("Consumer group " + group() + " still has active members after " + this.rewindTimeout
							+ ": scale the other replicas of the service to one before rewinding.")
					.build())
				.doFinally(signal -> {
					this.consumer.start();
					this.rewinding.set(false);
				});
		});
	}

	private Mono<Void> stopConsumer() {
		return Mono.create(sink -> this.consumer.stop(sink::success));
	}

}
