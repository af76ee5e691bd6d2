package io.chorus.testkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.testkit.internal.Net;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps the no-install path proven even on machines that have redis-server installed. */
class MavenShippedRedisIntegrationTests {

    @Test
    void startsTheMavenShippedRedis(@TempDir Path dir) {
        int port = Net.freePort();
        try (RedisLauncher.Started started = RedisLauncher.start(RedisSource.MAVEN_SHIPPED, dir, port, false);
                RespClient redis = RespClient.connect(started.endpoint(), 2_000)) {
            assertThat(started.endpoint().source()).isEqualTo(RedisSource.MAVEN_SHIPPED);
            assertThat(redis.call("SET", "k", "v")).isEqualTo("OK");
            assertThat(redis.call("GET", "k")).isEqualTo("v");
            assertThat((String) redis.call("INFO", "server")).contains("redis_version:6.");
        }
        assertThat(Net.canConnect(Net.LOOPBACK, port, Duration.ofMillis(200))).isFalse();
    }
}
