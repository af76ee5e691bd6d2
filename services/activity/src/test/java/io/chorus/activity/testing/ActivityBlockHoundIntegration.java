package io.chorus.activity.testing;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Narrow allowances for two library locks that BlockHound flags on event-loop threads
 * (registered through {@code META-INF/services}; test scope only). Both guard a few field
 * updates, never I/O; BlockHound reports the {@code Unsafe#park} of a contended acquire.
 * <ul>
 * <li>MongoDB driver 5.6, {@code com.mongodb.internal.Locks}: {@code NettyStream.handleReadResponse}
 * (pending-read state) and the connection pool's work queue take short locks on the Netty event
 * loop that completes the previous operation.</li>
 * <li>Lettuce 6.8, {@code SharedLock.incrementWriters/decrementWriters}: the command queue's
 * writer count, taken when the consumer marks an event as applied in Redis from the Mongo
 * driver's event loop. Without this allowance the error thrown inside Lettuce's write section
 * left its writer count raised, and every later Redis command of that connection failed (seen
 * as a consumer stuck retrying its dedupe mark).</li>
 * </ul>
 * Candidates for the testkit, next to its Netty allocator allowance.
 */
public final class ActivityBlockHoundIntegration implements BlockHoundIntegration {

	@Override
	public void applyTo(BlockHound.Builder builder) {
		builder.allowBlockingCallsInside("com.mongodb.internal.Locks", "checkedWithLock")
			.allowBlockingCallsInside("com.mongodb.internal.Locks", "lockInterruptibly")
			.allowBlockingCallsInside("com.mongodb.internal.Locks", "withInterruptibleLock")
			.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "incrementWriters")
			.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "decrementWriters");
	}

}
