package io.chorus.platform.events.consumer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.chorus.platform.events.EventIds;
import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import io.chorus.testkit.redis.RedisEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@ChorusInfrastructure(Infra.REDIS)
class RedisEventDeduplicatorIntegrationTests {

	private LettuceConnectionFactory factory;

	private ReactiveStringRedisTemplate redis;

	private RedisEventDeduplicator dedupe;

	private String prefix;

	@BeforeEach
	void connect(TestNamespace namespace) {
		RedisEndpoint endpoint = namespace.redis();
		RedisStandaloneConfiguration config = new RedisStandaloneConfiguration(endpoint.host(), endpoint.port());
		if (endpoint.username() != null) {
			config.setUsername(endpoint.username());
		}
		if (endpoint.password() != null) {
			config.setPassword(endpoint.password());
		}
		this.factory = new LettuceConnectionFactory(config);
		this.factory.afterPropertiesSet();
		this.factory.start();
		this.redis = new ReactiveStringRedisTemplate(this.factory);
		this.prefix = namespace.redisKeyPrefix();
		this.dedupe = new RedisEventDeduplicator(this.redis, this.prefix);
	}

	@AfterEach
	void disconnect() {
		this.factory.destroy();
	}

	@Test
	void marksWithSetNxAndATtlUnderThePrefix() {
		String id = new EventIds().nextId();
		String key = this.prefix + "dedupe:timeline:" + id;
		assertThat(this.dedupe.isProcessed("timeline", id).block()).isFalse();

		this.dedupe.markProcessed("timeline", id, Duration.ofDays(8)).block();
		this.dedupe.markProcessed("timeline", id, Duration.ofMinutes(1)).block(); // NX: the first TTL stays

		assertThat(this.dedupe.isProcessed("timeline", id).block()).isTrue();
		assertThat(this.dedupe.isProcessed("search", id).block()).isFalse();
		assertThat(this.redis.getExpire(key).block()).isGreaterThan(Duration.ofDays(7));
	}

	@Test
	void forgetsOneGroupsRecentEntriesWithScan() {
		Instant now = Instant.now();
		String old = new EventIds(Clock.fixed(now.minus(Duration.ofHours(2)), ZoneOffset.UTC)).nextId();
		String recent = new EventIds(Clock.fixed(now, ZoneOffset.UTC)).nextId();
		for (String id : new String[] { old, recent }) {
			this.dedupe.markProcessed("rewound", id, Duration.ofDays(8)).block();
			this.dedupe.markProcessed("other", id, Duration.ofDays(8)).block();
		}

		Long forgotten = this.dedupe.forget("rewound", now.minus(Duration.ofMinutes(30))).block();

		assertThat(forgotten).isEqualTo(1);
		assertThat(this.dedupe.isProcessed("rewound", recent).block()).isFalse();
		assertThat(this.dedupe.isProcessed("rewound", old).block()).isTrue();
		assertThat(this.dedupe.isProcessed("other", recent).block()).isTrue();
	}

}
