package io.chorus.testkit.blockhound;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * A known false positive of Netty 4.2 (its own BlockHound rules do not cover it yet): under load,
 * {@code AdaptivePoolingAllocator} grows its magazines and frees the old ones under a
 * {@code StampedLock} held for a few instructions; BlockHound sees the {@code Unsafe.park} of a
 * contended lock and fails the request. Seen with multi-megabyte uploads through the gateway.
 * Also Netty's {@code Zstd} class, which loads its native library from a jar once, in its static
 * initialiser, when an HTTP client first sets up response decompression.
 */
public final class NettyAllocatorBlockHoundIntegration implements BlockHoundIntegration {

	@Override
	public void applyTo(BlockHound.Builder builder) {
		builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free");
		builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines");
		builder.allowBlockingCallsInside("io.netty.handler.codec.compression.Zstd", "<clinit>");
	}

}
