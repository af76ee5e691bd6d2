package io.chorus.testkit.internal;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random names and passwords generated at start (no secrets in git). */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /** {@code bytes} random bytes as lower-case hex: safe in SQL identifiers, URLs and topic names. */
    public static String hex(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return HexFormat.of().formatHex(buffer);
    }

    public static String password() {
        return hex(16);
    }
}
