package io.chorus.platform.client;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Tells BlockHound (in tests) about Resilience4j's short internal locks, which service-client
 * calls take on event-loop threads.
 *
 * <p>Resilience4j 2.x guards its sliding-window arithmetic
 * ({@code FixedSizeSlidingWindowMetrics.record/getSnapshot}) and its event dispatch
 * ({@code EventProcessor.onEvent}) with a {@code ReentrantLock} instead of {@code synchronized}
 * (friendlier to virtual threads). The critical sections are a few array updates and in-memory
 * event consumers; under contention the waiting thread parks for that long, which BlockHound
 * reports as blocking. Exactly these three methods are allowed; nothing else in Resilience4j is.
 * Loaded through {@code ServiceLoader} only when BlockHound is on the class path.
 */
public final class ResilienceBlockHoundIntegration implements BlockHoundIntegration {

	@Override
	public void applyTo(BlockHound.Builder builder) {
		builder.allowBlockingCallsInside("io.github.resilience4j.core.metrics.FixedSizeSlidingWindowMetrics", "record")
			.allowBlockingCallsInside("io.github.resilience4j.core.metrics.FixedSizeSlidingWindowMetrics", "getSnapshot")
			.allowBlockingCallsInside("io.github.resilience4j.core.EventProcessor", "onEvent");
	}

}
