package io.chorus.gateway.store;

import java.time.Clock;
import java.time.Duration;

import io.chorus.gateway.domain.RateLimit;
import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Lua bucket against real Redis, without Spring. */
@ChorusInfrastructure(Infra.REDIS)
class TokenBucketRateLimiterIntegrationTests {

	private GatewayRedis redis;

	private TokenBucketRateLimiter limiter;

	private String prefix;

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@BeforeEach
	void connect(TestNamespace namespace) {
		this.redis = new GatewayRedis(RedisURI.create(namespace.redis().url()), Duration.ofSeconds(1), Duration.ofSeconds(2));
		this.limiter = new TokenBucketRateLimiter(this.redis, new FailOpen(this.meters, Clock.systemUTC()),
				Duration.ofSeconds(1));
		this.prefix = namespace.redisKeyPrefix();
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (this.redis.commands().onErrorComplete().blockOptional().isEmpty() && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
	}

	@AfterEach
	void close() {
		this.redis.close();
	}

	@Test
	void drainsTheBurstThenRefusesWithTheTimeToTheNextToken() {
		RateLimit limit = new RateLimit(3, 0.001); // one token every 1000 s
		String bucket = this.prefix + "gw:rl:ip:198.51.100.1";
		assertThat(this.limiter.consume(bucket, limit).block()).isEqualTo(new RateLimit.Decision(true, 2, Duration.ZERO));
		assertThat(this.limiter.consume(bucket, limit).block()).isEqualTo(new RateLimit.Decision(true, 1, Duration.ZERO));
		assertThat(this.limiter.consume(bucket, limit).block()).isEqualTo(new RateLimit.Decision(true, 0, Duration.ZERO));

		RateLimit.Decision refused = this.limiter.consume(bucket, limit).block();

		assertThat(refused).isNotNull();
		assertThat(refused.allowed()).isFalse();
		assertThat(refused.remaining()).isZero();
		assertThat(refused.retryAfter()).isBetween(Duration.ofSeconds(990), Duration.ofSeconds(1000));
		assertThat(refused.retryAfterSeconds()).isBetween(990L, 1000L);
		assertThat(this.meters.find(FailOpen.METER).counter()).isNull();
	}

	@Test
	void bucketsAreIndependentAndRefillFractionally() throws InterruptedException {
		RateLimit fast = new RateLimit(1, 50); // a token every 20 ms
		String bucket = this.prefix + "gw:rl:member:m-1";
		assertThat(this.limiter.consume(bucket, fast).block().allowed()).isTrue();
		assertThat(this.limiter.consume(this.prefix + "gw:rl:member:m-2", fast).block().allowed()).isTrue();
		Thread.sleep(60);
		assertThat(this.limiter.consume(bucket, fast).block().allowed()).isTrue();
	}

	@Test
	void withoutRedisEveryCallFailsOpenAndIsCounted() {
		GatewayRedis nowhere = new GatewayRedis(RedisURI.create("redis://127.0.0.1:1"), Duration.ofMillis(200),
				Duration.ofMillis(200));
		try {
			TokenBucketRateLimiter limiter = new TokenBucketRateLimiter(nowhere, new FailOpen(this.meters, Clock.systemUTC()),
					Duration.ofMillis(200));
			assertThat(limiter.consume("any", new RateLimit(1, 1)).block()).isEqualTo(RateLimit.Decision.failOpen());
			assertThat(this.meters.get(FailOpen.METER).tag("operation", "rate-limit").counter().count()).isEqualTo(1);
		}
		finally {
			nowhere.close();
		}
	}

}
