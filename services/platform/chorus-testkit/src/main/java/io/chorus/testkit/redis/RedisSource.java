package io.chorus.testkit.redis;

/** Where the Redis used by a test JVM (or by local mode) comes from, in resolution order. */
public enum RedisSource {
    /** {@code CHORUS_REDIS_URL}, e.g. {@code redis://[user:pass@]host:port}. */
    ENV,
    /** A server on 127.0.0.1:6379 that answers PING without authentication. */
    LOCALHOST,
    /** {@code redis-server} installed on this machine, started on a port of our own. */
    INSTALLED,
    /** The {@code redis-server} binary shipped in the {@code com.github.codemonstur:embedded-redis} jar. */
    MAVEN_SHIPPED
}
