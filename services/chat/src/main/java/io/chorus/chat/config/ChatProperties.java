package io.chorus.chat.config;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code chorus.chat.*}. Every limit of the WebSocket protocol is here (and in the README).
 * @param topic Kafka topic of {@code chorus.chat.message.posted.v1}
 * @param publicOrigin the gateway's own public origin (the web UI is served there); a browser
 * upgrade from it is accepted
 * @param allowedOrigins the CORS allow-list; a browser upgrade from any of these is accepted too
 * @param ticketTtl how long a WebSocket ticket can be redeemed (once)
 * @param maxBodyLength characters per message body
 * @param maxFramePayload bytes per inbound WebSocket frame; larger frames close the connection with 1009
 * @param maxRoomsPerConnection rooms one connection may be subscribed to at once
 * @param maxRoomMembers members of one group room
 * @param sendsPerSecond sustained sends per connection (token bucket refill)
 * @param sendBurst sends a connection may make at once (token bucket capacity)
 * @param queueCapacity outbound frames queued per connection before it is closed with 4408
 * @param pingInterval WebSocket ping frames sent to each client, below the mesh's idle timeout
 * @param presenceTtl how long a presence entry lives without a heartbeat
 * @param heartbeat how often a pod refreshes its members' presence and drops expired entries
 * @param recentBuffer messages kept per room in Redis for reconnect recovery
 * @param recentTtl how long a quiet room's recent buffer is kept
 * @param maxRecovery messages replayed on one subscribe; more missed than this answers {@code gap}
 * @param relayInterval how often pending offline-recipient events are retried
 * @param relayGrace age of a pending message before the retry sweep takes it (the send path tries first)
 */
@ConfigurationProperties("chorus.chat")
public record ChatProperties(@DefaultValue("chat.messages") String topic,
		@DefaultValue("http://localhost:8080") String publicOrigin, @DefaultValue List<String> allowedOrigins,
		@DefaultValue("30s") Duration ticketTtl, @DefaultValue("4000") int maxBodyLength,
		@DefaultValue("16384") int maxFramePayload, @DefaultValue("100") int maxRoomsPerConnection,
		@DefaultValue("1000") int maxRoomMembers, @DefaultValue("10") double sendsPerSecond,
		@DefaultValue("20") int sendBurst, @DefaultValue("256") int queueCapacity,
		@DefaultValue("20s") Duration pingInterval, @DefaultValue("60s") Duration presenceTtl,
		@DefaultValue("25s") Duration heartbeat, @DefaultValue("100") int recentBuffer,
		@DefaultValue("10m") Duration recentTtl, @DefaultValue("300") int maxRecovery,
		@DefaultValue("5s") Duration relayInterval, @DefaultValue("3s") Duration relayGrace) {

	public ChatProperties {
		if (maxBodyLength < 1 || maxFramePayload < 1024 || maxRoomsPerConnection < 1 || maxRoomMembers < 2
				|| sendsPerSecond <= 0 || sendBurst < 1 || queueCapacity < 2 || recentBuffer < 1 || maxRecovery < 1) {
			throw new IllegalArgumentException("chorus.chat limits must be positive");
		}
		if (!heartbeat.isPositive() || heartbeat.compareTo(presenceTtl) >= 0) {
			throw new IllegalArgumentException("chorus.chat.heartbeat must be positive and shorter than presence-ttl");
		}
		allowedOrigins = List.copyOf(allowedOrigins);
	}

}
