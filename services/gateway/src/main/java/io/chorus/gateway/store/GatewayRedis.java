package io.chorus.gateway.store;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The gateway's Redis connections, opened asynchronously and reopened by Lettuce after a drop:
 * one for commands and, for {@link #subscribe}, one for pub/sub. Until the command connection is
 * up, and whenever it is down, commands fail at once (never queue, never block), so callers can
 * fail open instead of waiting. Replies are emitted on Lettuce's computation threads, not its
 * single I/O thread, so the work a caller chains after a reply does not queue behind Redis I/O.
 */
public final class GatewayRedis implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(GatewayRedis.class);

	private final RedisClient client;

	private final AtomicReference<@Nullable StatefulRedisConnection<String, String>> connection = new AtomicReference<>();

	private final RedisURI uri;

	private final Disposable connecting;

	private final AtomicReference<@Nullable Disposable> subscribing = new AtomicReference<>();

	private final AtomicReference<@Nullable StatefulRedisPubSubConnection<String, String>> pubSub = new AtomicReference<>();

	public GatewayRedis(RedisURI uri, Duration connectTimeout, Duration commandTimeout) {
		this.uri = uri;
		this.client = RedisClient.create(uri);
		this.client.setOptions(ClientOptions.builder()
			.autoReconnect(true)
			.publishOnScheduler(true)
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

	/** Whether the command connection is up now (a hung server still counts as up until commands time out). */
	public boolean connected() {
		StatefulRedisConnection<String, String> current = this.connection.get();
		return current != null && current.isOpen();
	}

	/**
	 * Subscribes to one channel on a dedicated connection, retrying until Redis is reachable.
	 * Lettuce re-subscribes after a reconnect; {@code onConnected} runs after the first subscription
	 * and after every reconnect of either connection, so the caller can catch up on what it may
	 * have missed while disconnected.
	 */
	public void subscribe(String channel, Consumer<String> onMessage, Runnable onConnected) {
		this.client.addListener(new RedisConnectionStateListener() {
			@Override
			public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress socketAddress) {
				onConnected.run();
			}
		});
		Disposable started = Mono.defer(() -> Mono.fromCompletionStage(this.client.connectPubSubAsync(StringCodec.UTF8, this.uri)))
			.flatMap((opened) -> {
				opened.addListener(new RedisPubSubAdapter<>() {
					@Override
					public void message(String from, String message) {
						onMessage.accept(message);
					}
				});
				this.pubSub.set(opened);
				return Mono.fromCompletionStage(opened.async().subscribe(channel)).thenReturn(opened);
			})
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(5)))
			.subscribe((opened) -> {
				logger.info("Subscribed to Redis channel {}", channel);
				onConnected.run();
			});
		this.subscribing.set(started);
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
		Disposable started = this.subscribing.getAndSet(null);
		if (started != null) {
			started.dispose();
		}
		StatefulRedisPubSubConnection<String, String> subscribed = this.pubSub.getAndSet(null);
		if (subscribed != null) {
			subscribed.close();
		}
		StatefulRedisConnection<String, String> current = this.connection.getAndSet(null);
		if (current != null) {
			current.close();
		}
		this.client.shutdown();
	}

}
