package io.chorus.testkit.redis;

import java.net.URI;
import java.net.URLDecoder;
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

    /** Parses {@code redis://[user:pass@]host[:port]} (port defaults to 6379). */
    public static RedisEndpoint fromUrl(String url, RedisSource source) {
        URI uri = URI.create(url.strip());
        if (!"redis".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("Expected redis://[user:pass@]host:port");
        }
        String user = null;
        String password = null;
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            String rawUser = colon < 0 ? "" : info.substring(0, colon);
            user = rawUser.isEmpty() ? null : decode(rawUser);
            password = decode(colon < 0 ? info : info.substring(colon + 1));
        }
        return new RedisEndpoint(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379, user, password, source);
    }

    /** {@code redis://[user:pass@]host:port}, the form {@code CHORUS_REDIS_URL} takes. */
    public String url() {
        String auth = "";
        if (password != null) {
            auth = (username == null ? "" : encode(username)) + ":" + encode(password) + "@";
        }
        return "redis://" + auth + host + ":" + port;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "RedisEndpoint[" + host + ":" + port + ", source=" + source + "]";
    }
}
