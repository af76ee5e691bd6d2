package io.chorus.testkit.blockhound;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Lettuce 6.x guards its command writers with {@code SharedLock}, a {@code ReentrantLock} held
 * for a counter update. When several requests write to the one shared connection at once the
 * lock is contended for nanoseconds, and BlockHound sees the {@code Unsafe.park}. Worse than a
 * false positive: the error it throws inside the lock leaves the writer count wrong and every
 * later command on that connection times out. Seen with four concurrent signups in member.
 * Spring Data Redis reads its shared connection under a {@code ReentrantLock} too
 * ({@code LettuceConnectionFactory.doInLock}); the connection is opened at start-up (the
 * starter's eager connect), so on a request path that lock only guards a field read; and
 * {@code DefaultRedisScript} computes a script's SHA-1 once under a lock.
 */
public final class LettuceWriterLockBlockHoundIntegration implements BlockHoundIntegration {

	@Override
	public void applyTo(BlockHound.Builder builder) {
		builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "incrementWriters");
		builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "decrementWriters");
		builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "doExclusive");
		builder.allowBlockingCallsInside("org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory",
				"doInLock");
		builder.allowBlockingCallsInside("org.springframework.data.redis.core.script.DefaultRedisScript", "getSha1");
	}

}
