package io.chorus.search.testing;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Two narrow allowances for library internals that BlockHound flags on event-loop threads
 * (registered through {@code META-INF/services}; test scope only):
 * <ul>
 * <li>The MongoDB driver guards its connection pool's work queue with a {@code StampedLock}
 * ({@code com.mongodb.internal.Locks}): a critical section of a few instructions, but under
 * contention the lock parks briefly on the Netty event loop that completes the previous
 * operation. Without this allowance the {@code BlockingOperationError} is swallowed inside the
 * driver and that Mongo operation never completes (seen as a stuck consumer partition).</li>
 * <li>Netty's {@code Zstd} class loads its native library from a jar once, in its static
 * initialiser, when the test's HTTP client first sets up response decompression.</li>
 * </ul>
 * Candidates for the testkit, next to its Netty allocator allowance.
 */
public final class SearchBlockHoundIntegration implements BlockHoundIntegration {

	@Override
	public void applyTo(BlockHound.Builder builder) {
		builder.allowBlockingCallsInside("com.mongodb.internal.Locks", "checkedWithLock")
			.allowBlockingCallsInside("com.mongodb.internal.Locks", "lockInterruptibly")
			.allowBlockingCallsInside("com.mongodb.internal.Locks", "withInterruptibleLock")
			.allowBlockingCallsInside("io.netty.handler.codec.compression.Zstd", "<clinit>");
	}

}
