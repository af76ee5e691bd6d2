package io.chorus.testkit.blockhound;

import java.util.concurrent.atomic.AtomicReference;
import reactor.blockhound.BlockingOperationError;

/**
 * Proves BlockHound is installed in this JVM: a thread BlockHound treats as non-blocking (see
 * {@link TestkitBlockHoundIntegration}) sleeps, which must fail. BlockHound can silently stay
 * off (no agent attach on a newer JDK, missing JVM flags), so every module with the testkit
 * should assert this once.
 */
public final class BlockHoundProbe {

    /** Threads with this name are non-blocking for BlockHound; used only by the probe. */
    static final String PROBE_THREAD_NAME = "chorus-blockhound-probe";

    private BlockHoundProbe() {
    }

    /** True when a sleep on a non-blocking thread raised {@link BlockingOperationError}. */
    public static boolean isInstalled() {
        var caught = new AtomicReference<Throwable>();
        Thread probe = new Thread(() -> {
            try {
                Thread.sleep(1);
            } catch (Throwable e) {
                caught.set(e);
            }
        }, PROBE_THREAD_NAME);
        probe.start();
        try {
            probe.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return caught.get() instanceof BlockingOperationError;
    }

    /** Fails with a hint on how to turn BlockHound on when it is not installed. */
    public static void assertInstalled() {
        if (!isInstalled()) {
            throw new AssertionError("BlockHound is not installed in this test JVM. It is installed by"
                    + " blockhound-junit-platform (a dependency of chorus-testkit) and needs the JVM flags"
                    + " -XX:+AllowRedefinitionToAddDeleteMethods -XX:+EnableDynamicAgentLoading"
                    + " (the root pom passes them to Surefire and Failsafe).");
        }
    }
}
