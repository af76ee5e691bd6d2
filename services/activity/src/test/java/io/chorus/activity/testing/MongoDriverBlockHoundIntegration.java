package io.chorus.activity.testing;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * One narrow allowance for the MongoDB driver (5.6): with Netty on the class path the reactive
 * driver reads on Netty event loops, and {@code NettyStream.handleReadResponse} guards its
 * pending-read state with a {@code ReentrantLock} through {@code com.mongodb.internal.Locks}. The
 * section is a few field updates, never I/O; BlockHound flags the {@code Unsafe.park} of the rare
 * contended acquire. Only that helper is allowed, nothing else in the driver.
 */
public final class MongoDriverBlockHoundIntegration implements BlockHoundIntegration {

	@Override
	public void applyTo(BlockHound.Builder builder) {
		builder.allowBlockingCallsInside("com.mongodb.internal.Locks", "checkedWithLock");
	}

}
