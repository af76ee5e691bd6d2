package io.chorus.music.testing;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * One narrow allowance for Lettuce: its {@code SharedLock} guards the command queue with a
 * {@code ReentrantLock} held only while a command is appended. Under concurrent commands on the
 * shared connection (parallel play reports) an event loop can wait for it for a few
 * microseconds, which BlockHound reports as {@code Unsafe#park}. It is not I/O; nothing else is
 * allowed.
 */
public class LettuceBlockHoundIntegration implements BlockHoundIntegration {

	@Override
	public void applyTo(BlockHound.Builder builder) {
		builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "incrementWriters");
		builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "decrementWriters");
	}

}
