package io.chorus.platform.stores;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Client behaviour during a store outage that Boot's properties cannot express (the timeouts
 * themselves are defaults in {@link StoreDefaultsEnvironmentPostProcessor}).
 */
@AutoConfiguration
public class StoreTimeoutsAutoConfiguration {

	/** Redis: fail at once while disconnected, and reconnect soon after Redis is back. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ClientOptions.class, LettuceClientOptionsBuilderCustomizer.class })
	static class Redis {

		@Bean
		LettuceClientOptionsBuilderCustomizer chorusRejectWhileDisconnected() {
			// The default queues commands while reconnecting until they time out: every caller
			// would wait the whole command timeout instead of degrading or answering 503 at once.
			return (options) -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
		}

		@Bean
		ClientResourcesBuilderCustomizer chorusReconnectDelay() {
			// Lettuce backs off up to 30 s between reconnects; cap it so recovery follows Redis.
			return (resources) -> resources
				.reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS));
		}

	}

	/** Mongo: the driver waits 30 s for a server and forever for an answer by default. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MongoClientSettingsBuilderCustomizer.class)
	static class Mongo {

		@Bean
		MongoClientSettingsBuilderCustomizer chorusMongoTimeouts() {
			return (settings) -> settings
				.applyToClusterSettings((cluster) -> cluster.serverSelectionTimeout(2, TimeUnit.SECONDS))
				.applyToSocketSettings((socket) -> socket.connectTimeout(1, TimeUnit.SECONDS)
					.readTimeout(5, TimeUnit.SECONDS));
		}

	}

}
