package io.chorus.gateway.config;

import java.time.Clock;
import java.time.Duration;

import io.chorus.gateway.store.FailOpen;
import io.chorus.gateway.store.GatewayRedis;
import io.chorus.gateway.store.RedisKeys;
import io.chorus.gateway.store.RevocationStore;
import io.chorus.gateway.store.TokenBucketRateLimiter;
import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway's own Redis, from the standard {@code spring.data.redis.*} properties (host, port,
 * username, password, database, ssl.enabled, or url).
 */
@Configuration(proxyBeanMethods = false)
class RedisConfiguration {

	@Bean(destroyMethod = "close")
	GatewayRedis gatewayRedis(@Value("${spring.data.redis.url:}") String url,
			@Value("${spring.data.redis.host:127.0.0.1}") String host, @Value("${spring.data.redis.port:6379}") int port,
			@Value("${spring.data.redis.username:}") @Nullable String username,
			@Value("${spring.data.redis.password:}") @Nullable String password,
			@Value("${spring.data.redis.database:0}") int database,
			@Value("${spring.data.redis.ssl.enabled:false}") boolean ssl, GatewayProperties properties) {
		RedisURI uri;
		if (!url.isBlank()) {
			uri = RedisURI.create(url);
		}
		else {
			RedisURI.Builder builder = RedisURI.builder().withHost(host).withPort(port).withDatabase(database).withSsl(ssl);
			if (password != null && !password.isEmpty()) {
				if (username != null && !username.isEmpty()) {
					builder.withAuthentication(username, password);
				}
				else {
					builder.withPassword(password.toCharArray());
				}
			}
			uri = builder.build();
		}
		GatewayProperties.Redis redis = properties.redis();
		// Lettuce's own command timeout is only a backstop; callers apply the tighter budgets.
		return new GatewayRedis(uri, redis.connectTimeout(), redis.writeTimeout().plus(Duration.ofSeconds(1)));
	}

	@Bean
	RedisKeys redisKeys(@Value("${chorus.redis.key-prefix:}") String prefix) {
		return new RedisKeys(prefix);
	}

	@Bean
	FailOpen failOpen(MeterRegistry meters, Clock clock) {
		return new FailOpen(meters, clock);
	}

	@Bean(initMethod = "start", destroyMethod = "close")
	RevocationStore revocationStore(GatewayRedis redis, RedisKeys keys, FailOpen failOpen, Clock clock,
			GatewayProperties properties) {
		GatewayProperties.Tokens tokens = properties.tokens();
		return new RevocationStore(redis, keys, failOpen, clock, properties.redis().writeTimeout(),
				tokens.lifetime().plus(tokens.clockSkew()), properties.redis().reconcileInterval());
	}

	@Bean
	TokenBucketRateLimiter tokenBucketRateLimiter(GatewayRedis redis, FailOpen failOpen, GatewayProperties properties) {
		return new TokenBucketRateLimiter(redis, failOpen, properties.redis().timeout());
	}

}
