package io.chorus.testkit.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One JVM shutdown hook that stops what the testkit started, newest first. */
public final class ShutdownHooks {

    private static final Logger log = LoggerFactory.getLogger(ShutdownHooks.class);
    private static final Deque<Runnable> ACTIONS = new ArrayDeque<>();
    private static boolean installed;

    private ShutdownHooks() {
    }

    public static synchronized void register(String name, Runnable action) {
        if (!installed) {
            Runtime.getRuntime().addShutdownHook(new Thread(ShutdownHooks::runAll, "chorus-testkit-shutdown"));
            installed = true;
        }
        ACTIONS.push(() -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                log.warn("Stopping {} failed: {}", name, e.toString());
            }
        });
    }

    private static void runAll() {
        Runnable action;
        while ((action = next()) != null) {
            action.run();
        }
    }

    private static synchronized Runnable next() {
        return ACTIONS.poll();
    }
}
