package io.chorus.testkit.redis;

import io.chorus.testkit.internal.Executables;
import io.chorus.testkit.internal.Net;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds or starts Redis: {@code CHORUS_REDIS_URL}, else 127.0.0.1:6379 if it answers PING, else
 * an installed {@code redis-server}, else the Maven-shipped one. The system property
 * {@code chorus.testkit.redis.source} ({@code env}, {@code localhost}, {@code installed},
 * {@code maven_shipped}) forces one source.
 */
public final class RedisLauncher {

    public static final String ENV_URL = "CHORUS_REDIS_URL";
    public static final String FORCE_PROPERTY = "chorus.testkit.redis.source";
    private static final Logger log = LoggerFactory.getLogger(RedisLauncher.class);
    private static final int LOCALHOST_PORT = 6379;

    private RedisLauncher() {
    }

    /** A reachable server plus what stops it (nothing for a shared one). */
    public record Started(RedisEndpoint endpoint, @Nullable RedisProcess process) implements AutoCloseable {
        @Override
        public void close() {
            if (process != null) {
                process.close();
            }
        }
    }

    /** Resolves a server for a test JVM; a started one runs in {@code runDir} on a random port. */
    public static Started forTests(Path runDir) {
        RedisSource forced = forcedSource();
        if (forced == null || forced == RedisSource.ENV) {
            Optional<RedisEndpoint> env = fromEnvironment();
            if (env.isPresent() || forced == RedisSource.ENV) {
                return chosen(new Started(env.orElseThrow(() -> new IllegalStateException(ENV_URL + " is not set")), null));
            }
        }
        if (forced == null || forced == RedisSource.LOCALHOST) {
            var candidate = new RedisEndpoint(Net.LOOPBACK, LOCALHOST_PORT, null, null, RedisSource.LOCALHOST);
            if (RespClient.answersPing(candidate, 300)) {
                return chosen(new Started(candidate, null));
            }
            if (forced == RedisSource.LOCALHOST) {
                throw new IllegalStateException("No Redis answering PING on 127.0.0.1:6379");
            }
        }
        return chosen(start(forced, runDir, Net.freePort(), false));
    }

    /** Starts a private server from an installed redis-server if allowed and present, else the Maven-shipped one. */
    public static Started start(@Nullable RedisSource forced, Path runDir, int port, boolean durable) {
        if (forced == null || forced == RedisSource.INSTALLED) {
            Optional<Path> installed = Executables.find("redis-server");
            if (installed.isPresent()) {
                RedisProcess process = RedisProcess.start(installed.get(), RedisSource.INSTALLED, runDir, port, durable);
                return new Started(process.endpoint(), process);
            }
            if (forced == RedisSource.INSTALLED) {
                throw new IllegalStateException("No redis-server on PATH or in /usr/bin, /usr/sbin");
            }
        }
        RedisProcess process = RedisProcess.start(MavenShippedRedis.binary(), RedisSource.MAVEN_SHIPPED, runDir, port, durable);
        return new Started(process.endpoint(), process);
    }

    /** {@code CHORUS_REDIS_URL}, checked with PING: an explicit setting that fails is an error, not a fallback. */
    public static Optional<RedisEndpoint> fromEnvironment() {
        String url = System.getenv(ENV_URL);
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        RedisEndpoint endpoint = RedisEndpoint.fromUrl(url, RedisSource.ENV);
        if (!RespClient.answersPing(endpoint, 5_000)) {
            throw new IllegalStateException(ENV_URL + " is set but " + endpoint.host() + ":" + endpoint.port()
                    + " does not answer PING");
        }
        return Optional.of(endpoint);
    }

    private static Started chosen(Started started) {
        log.info("Redis for tests: {} ({}:{})", started.endpoint().source(), started.endpoint().host(), started.endpoint().port());
        return started;
    }

    private static @Nullable RedisSource forcedSource() {
        String value = System.getProperty(FORCE_PROPERTY);
        return value == null || value.isBlank() ? null : RedisSource.valueOf(value.strip().toUpperCase(Locale.ROOT));
    }
}
