package io.chorus.testkit.blockhound;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Registered through {@code META-INF/services}, applied when blockhound-junit-platform installs
 * BlockHound: marks the {@link BlockHoundProbe} thread as non-blocking.
 */
public final class TestkitBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.nonBlockingThreadPredicate(current -> current.or(
                thread -> BlockHoundProbe.PROBE_THREAD_NAME.equals(thread.getName())));
    }
}
