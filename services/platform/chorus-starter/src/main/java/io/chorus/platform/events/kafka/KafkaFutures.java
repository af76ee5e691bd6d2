package io.chorus.platform.events.kafka;

import java.util.function.Supplier;

import org.apache.kafka.common.KafkaFuture;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Kafka admin futures as lazy Monos, never waited on with {@code get()}. */
public final class KafkaFutures {

	private KafkaFutures() {
	}

	/**
	 * Calls {@code call} on subscription and completes with its result. The admin client completes
	 * futures on its single network thread; the result is handed to the parallel scheduler so that
	 * downstream work never runs on (or stalls) that thread.
	 */
	public static <T> Mono<T> mono(Supplier<KafkaFuture<T>> call) {
		return Mono.defer(() -> Mono.fromCompletionStage(call.get().toCompletionStage()))
			.publishOn(Schedulers.parallel());
	}

}
