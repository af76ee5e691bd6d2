package io.chorus.chat.config;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import io.chorus.chat.domain.Rooms;
import io.chorus.chat.events.MessageRelay;
import io.chorus.chat.live.ChatSocketHandler;
import io.chorus.chat.live.Fanout;
import io.chorus.chat.live.Frames;
import io.chorus.chat.live.LiveTicker;
import io.chorus.chat.live.Messaging;
import io.chorus.chat.live.Origins;
import io.chorus.chat.live.Presence;
import io.chorus.chat.live.Tickets;
import io.chorus.chat.store.MessageStore;
import io.chorus.chat.store.ReadMarkers;
import io.chorus.chat.store.RoomStore;
import io.chorus.platform.events.CloudEventFactory;
import io.chorus.platform.events.EventIds;
import io.chorus.platform.events.kafka.EventPublisher;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;

/** Stores, rooms, the live layer (tickets, fan-out, presence, sockets) and the offline-event relay. */
@Configuration(proxyBeanMethods = false)
class ChatConfiguration {

	private static final Log log = LogFactory.getLog(ChatConfiguration.class);

	@Bean
	RoomStore roomStore(ReactiveMongoTemplate mongo) {
		return new RoomStore(mongo);
	}

	@Bean
	MessageStore messageStore(ReactiveMongoTemplate mongo) {
		return new MessageStore(mongo);
	}

	@Bean
	ReadMarkers readMarkers(ReactiveMongoTemplate mongo) {
		return new ReadMarkers(mongo);
	}

	/** Indexes are created in the background at start-up (idempotent), retried until Mongo answers. */
	@Bean
	ApplicationListener<ApplicationStartedEvent> chatIndexes(RoomStore rooms, MessageStore messages) {
		return event -> rooms.createIndexes()
			.then(messages.createIndexes())
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30))
				.doBeforeRetry(signal -> log.warn("Creating indexes failed, retrying: " + signal.failure())))
			.subscribe();
	}

	@Bean
	Rooms rooms(RoomStore rooms, MessageStore messages, ReadMarkers reads, ObjectProvider<Clock> clock,
			ChatProperties properties, EventIds ids) {
		return new Rooms(rooms, messages, reads, clock(clock), properties.maxRoomMembers(), ids);
	}

	@Bean
	Tickets tickets(ReactiveStringRedisTemplate redis, @Value("${chorus.redis.key-prefix:}") String keyPrefix,
			ChatProperties properties) {
		return new Tickets(redis, keyPrefix, properties.ticketTtl());
	}

	@Bean
	Origins origins(ChatProperties properties) {
		return new Origins(properties.publicOrigin(), properties.allowedOrigins());
	}

	@Bean
	Frames frames(JsonMapper mapper) {
		return new Frames(mapper);
	}

	/** The pod's one dedicated pub/sub connection, on the same Redis as everything else. */
	@Bean(destroyMethod = "close")
	Fanout fanout(ReactiveStringRedisTemplate redis, LettuceConnectionFactory factory,
			@Value("${chorus.redis.key-prefix:}") String keyPrefix, ChatProperties properties) {
		return new Fanout(redis, (RedisClient) factory.getRequiredNativeClient(), keyPrefix, properties.recentBuffer(),
				properties.recentTtl());
	}

	@Bean
	Presence presence(ReactiveStringRedisTemplate redis, @Value("${chorus.redis.key-prefix:}") String keyPrefix,
			ObjectProvider<Clock> clock, ChatProperties properties) {
		String pod = System.getenv().getOrDefault("HOSTNAME", "pod") + "-"
				+ UUID.randomUUID().toString().substring(0, 8);
		return new Presence(redis, keyPrefix, pod, properties.presenceTtl(), clock(clock));
	}

	@Bean
	MessageRelay messageRelay(MessageStore messages, EventPublisher publisher, JsonMapper mapper,
			CloudEventFactory events, ObjectProvider<Clock> clock, ChatProperties properties) {
		return new MessageRelay(messages, publisher, mapper, properties.topic(), events.source(), clock(clock),
				properties.relayInterval(), properties.relayGrace());
	}

	@Bean
	Messaging messaging(RoomStore rooms, MessageStore messages, ReadMarkers reads, Presence presence,
			Fanout fanout, Frames frames, MessageRelay relay, EventIds ids, ObjectProvider<Clock> clock) {
		return new Messaging(rooms, messages, reads, presence, fanout, frames, relay, ids, clock(clock));
	}

	@Bean
	ChatSocketHandler chatSocketHandler(Tickets tickets, Origins origins, Rooms rooms, Messaging messaging,
			MessageStore messages, Fanout fanout, Presence presence, Frames frames, ChatProperties properties,
			MeterRegistry meters) {
		return new ChatSocketHandler(tickets, origins, rooms, messaging, messages, fanout, presence, frames,
				properties, meters);
	}

	@Bean
	LiveTicker liveTicker(Presence presence, ChatSocketHandler sockets, ChatProperties properties) {
		return new LiveTicker(presence, sockets, properties.heartbeat(), properties.pingInterval());
	}

	/** Inbound frames above {@code max-frame-payload} close the connection with 1009. */
	@Bean
	WebFluxConfigurer chatWebSocketService(ChatProperties properties) {
		return new WebFluxConfigurer() {
			@Override
			public WebSocketService getWebSocketService() {
				return new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy(
						() -> WebsocketServerSpec.builder().maxFramePayloadLength(properties.maxFramePayload())));
			}
		};
	}

	private static Clock clock(ObjectProvider<Clock> clock) {
		return clock.getIfAvailable(Clock::systemUTC);
	}

}
