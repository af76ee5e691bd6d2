package io.chorus.testkit.redis;

import java.util.List;
import java.util.Objects;

/** Key housekeeping on a shared Redis (blocking; shutdown and test threads only). */
public final class RedisKeys {

    private RedisKeys() {
    }

    /** Deletes every key starting with {@code prefix} (SCAN + UNLINK, so the server never blocks on KEYS). */
    public static void deleteByPrefix(RedisEndpoint endpoint, String prefix) {
        try (RespClient client = RespClient.connect(endpoint, 2_000)) {
            String cursor = "0";
            do {
                List<?> reply = (List<?>) Objects.requireNonNull(client.call("SCAN", cursor, "MATCH", glob(prefix) + "*", "COUNT", "500"));
                cursor = (String) reply.get(0);
                List<?> keys = (List<?>) reply.get(1);
                if (!keys.isEmpty()) {
                    String[] command = new String[keys.size() + 1];
                    command[0] = "UNLINK";
                    for (int i = 0; i < keys.size(); i++) {
                        command[i + 1] = (String) keys.get(i);
                    }
                    client.call(command);
                }
            } while (!"0".equals(cursor));
        }
    }

    private static String glob(String literal) {
        return literal.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    }
}
