package io.chorus.gateway.store;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.codec.StringCodec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The gateway's one Redis connection, opened asynchronously and reopened by Lettuce after a drop.
 * Until it is up, and whenever it is down, commands fail at once (never queue, never block), so
 * callers can fail open instead of waiting.
 */
public final class GatewayRedis implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(GatewayRedis.class);

	private final RedisClient client;

	private final AtomicReference<@Nullable StatefulRedisConnection<String, String>> connection = new AtomicReference<>();

	private final Disposable connecting;

	public GatewayRedis(RedisURI uri, Duration connectTimeout, Duration commandTimeout) {
		this.client = RedisClient.create(uri);
		this.client.setOptions(ClientOptions.builder()
			.autoReconnect(true)
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).build())
			.timeoutOptions(TimeoutOptions.enabled(commandTimeout))
			.build());
		this.connecting = Mono.defer(() -> Mono.fromCompletionStage(this.client.connectAsync(StringCodec.UTF8, uri)))
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200))
				.maxBackoff(Duration.ofSeconds(5))
				.doBeforeRetry((signal) -> {
					if (signal.totalRetries() == 0) {
						logger.warn("Redis at {}:{} not reachable ({}); edge checks fail open until it is",
								uri.getHost(), uri.getPort(), signal.failure().toString());
					}
				}))
			.subscribe((opened) -> {
				this.connection.set(opened);
				logger.info("Connected to Redis at {}:{}", uri.getHost(), uri.getPort());
			});
	}

	/** The reactive commands, or an error right away when Redis has not been reached yet. */
	public Mono<RedisReactiveCommands<String, String>> commands() {
		StatefulRedisConnection<String, String> current = this.connection.get();
		if (current == null) {
			return Mono.error(() -> new RedisConnectionException("not connected to Redis yet"));
		}
		return Mono.just(current.reactive());
	}

	@Override
	public void close() {
		this.connecting.dispose();
		StatefulRedisConnection<String, String> current = this.connection.getAndSet(null);
		if (current != null) {
			current.close();
		}
		this.client.shutdown();
	}

}
