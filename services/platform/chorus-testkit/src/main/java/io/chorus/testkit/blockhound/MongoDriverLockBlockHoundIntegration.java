package io.chorus.testkit.blockhound;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * The MongoDB driver guards its connection pool's work queue with short lock sections
 * ({@code com.mongodb.internal.Locks}). Under contention the lock parks for a moment on the
 * Netty event loop that completes the previous operation; BlockHound flags it, and the driver
 * swallows the error, so that operation never completes (seen as a stuck consumer partition in
 * search). The sections hold no I/O, so allowing them hides nothing else.
 */
public final class MongoDriverLockBlockHoundIntegration implements BlockHoundIntegration {

	@Override
	public void applyTo(BlockHound.Builder builder) {
		builder.allowBlockingCallsInside("com.mongodb.internal.Locks", "withLock")
			.allowBlockingCallsInside("com.mongodb.internal.Locks", "checkedWithLock")
			.allowBlockingCallsInside("com.mongodb.internal.Locks", "lockInterruptibly")
			.allowBlockingCallsInside("com.mongodb.internal.Locks", "withInterruptibleLock")
			.allowBlockingCallsInside("com.mongodb.internal.Locks", "checkedWithInterruptibleLock");
	}

}
