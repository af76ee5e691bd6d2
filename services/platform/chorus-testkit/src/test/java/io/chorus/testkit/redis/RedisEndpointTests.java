package io.chorus.testkit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RedisEndpointTests {

    @Test
    void parsesUrlsWithAndWithoutCredentials() {
        assertThat(RedisEndpoint.fromUrl("redis://cache.local:6380", RedisSource.ENV))
                .isEqualTo(new RedisEndpoint("cache.local", 6380, null, null, RedisSource.ENV));
        assertThat(RedisEndpoint.fromUrl("redis://:s3cret@h", RedisSource.ENV))
                .isEqualTo(new RedisEndpoint("h", 6379, null, "s3cret", RedisSource.ENV));
        assertThat(RedisEndpoint.fromUrl("redis://app:p%3Aw@h:1", RedisSource.ENV))
                .isEqualTo(new RedisEndpoint("h", 1, "app", "p:w", RedisSource.ENV));
    }

    @Test
    void formatsTheUrlBack() {
        assertThat(new RedisEndpoint("h", 1, "app", "p:w", RedisSource.ENV).url()).isEqualTo("redis://app:p%3Aw@h:1");
        assertThat(new RedisEndpoint("h", 1, null, null, RedisSource.ENV).url()).isEqualTo("redis://h:1");
    }

    @Test
    void rejectsOtherSchemes() {
        assertThatThrownBy(() -> RedisEndpoint.fromUrl("http://h:1", RedisSource.ENV)).isInstanceOf(IllegalArgumentException.class);
    }
}
