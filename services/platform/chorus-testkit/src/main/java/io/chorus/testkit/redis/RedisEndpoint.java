package io.chorus.testkit.redis;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * A reachable Redis server.
 *
 * @param host host name or address
 * @param port TCP port
 * @param username ACL user, or null for the default user
 * @param password password, or null when none is needed
 * @param source where it came from
 */
public record RedisEndpoint(String host, int port, @Nullable String username, @Nullable String password,
        RedisSource source) {

    /** {@code redis://[user:pass@]host:port}, the form {@code CHORUS_REDIS_URL} takes. */
    public String url() {
        String auth = "";
        if (password != null) {
            auth = (username == null ? "" : encode(username)) + ":" + encode(password) + "@";
        }
        return "redis://" + auth + host + ":" + port;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "RedisEndpoint[" + host + ":" + port + ", source=" + source + "]";
    }
}
