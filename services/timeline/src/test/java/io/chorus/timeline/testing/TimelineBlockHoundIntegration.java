package io.chorus.timeline.testing;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Two library locks held for microseconds, allowed by name and nothing else:
 * <ul>
 * <li>the reactive MongoDB driver guards its connection pool and server state with
 * {@code com.mongodb.internal.Locks} helpers; under concurrent operations (events of several
 * partitions writing at once) a thread may park there, BlockHound throws inside the driver, the
 * error is lost and the operation never completes;</li>
 * <li>Lettuce's {@code SharedLock} (writers vs. exclusive sections of a connection's command
 * handler) parks briefly when a second application context in the same JVM connects.</li>
 * </ul>
 */
public class TimelineBlockHoundIntegration implements BlockHoundIntegration {

	@Override
	public void applyTo(BlockHound.Builder builder) {
		for (String method : new String[] { "withLock", "withInterruptibleLock", "checkedWithLock",
				"checkedWithInterruptibleLock", "lockInterruptibly" }) {
			builder.allowBlockingCallsInside("com.mongodb.internal.Locks", method);
		}
		for (String method : new String[] { "incrementWriters", "doExclusive", "lockWritersExclusive" }) {
			builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", method);
		}
	}

}
