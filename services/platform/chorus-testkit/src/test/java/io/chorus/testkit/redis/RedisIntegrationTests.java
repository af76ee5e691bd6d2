package io.chorus.testkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import org.junit.jupiter.api.Test;

@ChorusInfrastructure(Infra.REDIS)
class RedisIntegrationTests {

    @Test
    void setsAndGetsUnderTheNamespacePrefix(TestNamespace namespace) {
        String key = namespace.redisKeyPrefix() + "greeting";
        try (RespClient redis = RespClient.connect(namespace.redis(), 2_000)) {
            assertThat(redis.call("SET", key, "hello", "EX", "60")).isEqualTo("OK");
            assertThat(redis.call("GET", key)).isEqualTo("hello");
            assertThat(redis.call("INCR", namespace.redisKeyPrefix() + "counter")).isEqualTo(1L);
            assertThat(redis.call("GET", namespace.redisKeyPrefix() + "missing")).isNull();
        }
    }

    @Test
    void prefixesDifferPerNamespaceAndEndWithAColon(TestNamespace namespace) {
        TestNamespace other = TestNamespace.create("other");

        assertThat(namespace.redisKeyPrefix()).endsWith(":").isNotEqualTo(other.redisKeyPrefix());
    }

    @Test
    void deletesKeysByPrefixOnly(TestNamespace namespace) {
        String prefix = namespace.redisKeyPrefix() + "scan:";
        try (RespClient redis = RespClient.connect(namespace.redis(), 2_000)) {
            for (int i = 0; i < 30; i++) {
                redis.call("SET", prefix + i, "v");
            }
            redis.call("SET", namespace.redisKeyPrefix() + "keep", "v");

            RedisKeys.deleteByPrefix(namespace.redis(), prefix);

            assertThat(redis.call("EXISTS", prefix + "7")).isEqualTo(0L);
            assertThat(redis.call("EXISTS", namespace.redisKeyPrefix() + "keep")).isEqualTo(1L);
        }
    }
}
