package io.chorus.platform.client;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import io.chorus.testkit.blockhound.BlockHoundProbe;
import io.github.resilience4j.core.metrics.FixedSizeSlidingWindowMetrics;
import io.github.resilience4j.core.metrics.Metrics;
import io.github.resilience4j.core.metrics.Snapshot;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A circuit breaker recording a call on an event loop while another thread holds its window's
 * lock waits for it (as it must), instead of failing under BlockHound.
 */
class ResilienceBlockHoundTests {

	@Test
	void recordingOnANonBlockingThreadMayWaitForTheWindowLock() throws Exception {
		BlockHoundProbe.assertInstalled();
		FixedSizeSlidingWindowMetrics window = new FixedSizeSlidingWindowMetrics(10);
		Field field = FixedSizeSlidingWindowMetrics.class.getDeclaredField("lock");
		field.setAccessible(true);
		ReentrantLock lock = (ReentrantLock) field.get(window);

		CompletableFuture<Snapshot> recorded;
		lock.lock();
		try {
			recorded = Mono.fromCallable(() -> window.record(5, TimeUnit.MILLISECONDS, Metrics.Outcome.ERROR))
				.subscribeOn(Schedulers.parallel())
				.toFuture();
			// Parked on the lock (without the allowance BlockHound would have failed the call instead).
			await().atMost(Duration.ofSeconds(10)).until(() -> lock.hasQueuedThreads() || recorded.isDone());
			assertThat(recorded).isNotDone();
		}
		finally {
			lock.unlock();
		}
		assertThat(recorded.get(10, TimeUnit.SECONDS).getNumberOfFailedCalls()).isEqualTo(1);
	}

}
