package io.chorus.chat.live;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.chorus.chat.config.ChatProperties;
import io.chorus.chat.domain.Limits;
import io.chorus.chat.domain.Rooms;
import io.chorus.chat.store.MessageStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code /ws/chat?ticket=…}: the contract's JSON protocol over plain WebSocket. Checks the
 * {@code Origin}, redeems the single-use ticket, then reads frames one at a time (so one client's
 * sends keep their order) while its own queue feeds the socket. Bad frames get an error frame and the
 * connection lives on; only the contract's close codes end it.
 */
public final class ChatSocketHandler implements WebSocketHandler {

	private static final Log log = LogFactory.getLog(ChatSocketHandler.class);

	private final Tickets tickets;

	private final Origins origins;

	private final Rooms rooms;

	private final Messaging messaging;

	private final MessageStore messages;

	private final Fanout fanout;

	private final Presence presence;

	private final Frames frames;

	private final ChatProperties properties;

	/**
	 * Frames read ahead of the one being handled: parsed (and rate-limited) on arrival; beyond this
	 * the socket stops being read (TCP back-pressure on the client).
	 */
	private static final int INBOUND_PREFETCH = 32;

	private final Set<Connection> open = ConcurrentHashMap.newKeySet();

	private final MeterRegistry meters;

	public ChatSocketHandler(Tickets tickets, Origins origins, Rooms rooms, Messaging messaging,
			MessageStore messages, Fanout fanout, Presence presence, Frames frames, ChatProperties properties,
			MeterRegistry meters) {
		this.meters = meters;
		meters.gauge("chorus.chat.connections", this.open, Set::size);
		this.tickets = tickets;
		this.origins = origins;
		this.rooms = rooms;
		this.messaging = messaging;
		this.messages = messages;
		this.fanout = fanout;
		this.presence = presence;
		this.frames = frames;
		this.properties = properties;
	}

	@Override
	public Mono<Void> handle(WebSocketSession session) {
		HandshakeInfo info = session.getHandshakeInfo();
		if (!this.origins.accepts(info.getHeaders().getOrigin())) {
			closed(Connection.ORIGIN_REFUSED);
			return session.close(Connection.ORIGIN_REFUSED);
		}
		String ticket = UriComponentsBuilder.fromUri(info.getUri()).build().getQueryParams().getFirst("ticket");
		return this.tickets.redeem((ticket != null) ? ticket : "")
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap(member -> member.isPresent() ? run(session, member.get())
					: Mono.defer(() -> {
						closed(Connection.BAD_TICKET);
						return session.close(Connection.BAD_TICKET);
					}));
	}

	/** Sends a WebSocket ping to every open connection (the keep-alive below the mesh's idle timeout). */
	public void pingAll() {
		this.open.forEach(Connection::ping);
	}

	public int openConnections() {
		return this.open.size();
	}

	private Mono<Void> run(WebSocketSession session, String memberId) {
		Connection connection = new Connection(memberId, session, this.properties.queueCapacity(),
				new TokenBucket(this.properties.sendBurst(), this.properties.sendsPerSecond(), System.nanoTime()),
				this::closed);
		this.open.add(connection);
		connection.onEvict(room -> {
			if (connection.unsubscribe(room)) {
				connection.send(this.frames.error("left", "You left room " + room + ".", null));
				leave(connection, room).subscribe(null, ex -> log.debug("Leaving an evicted room failed: " + ex));
			}
		});
		// parsed and rate-limited as frames arrive (so a queue of slow sends cannot hide a flood),
		// then handled one at a time in arrival order
		Mono<Void> inbound = session.receive()
			.map(message -> parse(connection, read(message)))
			.concatMap(frame -> handle(connection, frame).onErrorResume(ex -> {
				log.warn("Chat frame failed for " + memberId + ": " + ex);
				connection.send(this.frames.error("unavailable", "The frame could not be handled; retry.", null));
				return Mono.empty();
			}), INBOUND_PREFETCH)
			.then()
			.doFinally(signal -> connection.completed());
		Mono<Void> outbound = session.send(connection.outbound());
		return Mono.when(inbound, outbound).doFinally(signal -> close(connection));
	}

	/** {@code chorus.chat.closes{code}}: connections the server closed, by close code. */
	private void closed(org.springframework.web.reactive.socket.CloseStatus status) {
		this.meters.counter("chorus.chat.closes", "code", Integer.toString(status.getCode())).increment();
	}

	private void close(Connection connection) {
		this.open.remove(connection);
		List<String> rooms = connection.rooms();
		Flux.fromIterable(rooms)
			.flatMap(room -> leave(connection, room))
			.subscribe(null, ex -> log.debug("Leaving rooms of a closed connection failed: " + ex));
	}

	private Mono<Void> leave(Connection connection, String roomId) {
		this.fanout.leave(roomId, connection);
		return this.presence.leave(roomId, connection.memberId());
	}

	/** Copies the frame out of its buffer at once (the buffer is released after this call). */
	private static Inbound read(WebSocketMessage message) {
		if (message.getType() != WebSocketMessage.Type.TEXT) {
			return new Inbound(null, message.getType());
		}
		return new Inbound(message.getPayloadAsText(), message.getType());
	}

	/**
	 * JSON-decodes a frame on arrival; a {@code send} takes a token from the connection's bucket here,
	 * and an empty bucket closes the connection with 4429. Problems become error frames, sent in order.
	 */
	private Parsed parse(Connection c, Inbound inbound) {
		if (inbound.text == null) {
			return (inbound.type == WebSocketMessage.Type.BINARY)
					? Parsed.error(this.frames.error("unsupported", "Only JSON text frames are accepted.", null))
					: Parsed.IGNORED;
		}
		JsonNode frame;
		try {
			frame = this.frames.mapper().readTree(inbound.text);
		}
		catch (JacksonException ex) {
			return Parsed.error(this.frames.error("malformed", "The frame is not valid JSON.", null));
		}
		if (frame == null || !frame.isObject()) {
			return Parsed.error(this.frames.error("malformed", "The frame must be a JSON object.", null));
		}
		String type = text(frame, "type");
		if (type == null) {
			return Parsed.error(this.frames.error("invalid", "type: required", null));
		}
		if (type.equals("send") && !c.sends().tryTake(System.nanoTime())) {
			c.close(Connection.RATE_LIMITED);
			return Parsed.IGNORED;
		}
		return new Parsed(frame, type, null);
	}

	private Mono<Void> handle(Connection c, Parsed parsed) {
		if (parsed.error != null) {
			c.send(parsed.error);
			return Mono.empty();
		}
		JsonNode frame = parsed.frame;
		String type = parsed.type;
		if (frame == null || type == null) {
			return Mono.empty();
		}
		return switch (type) {
			case "ping" -> {
				c.send(this.frames.pong());
				yield Mono.empty();
			}
			case "subscribe" -> subscribe(c, frame);
			case "unsubscribe" -> unsubscribe(c, frame);
			case "send" -> send(c, frame);
			case "read" -> read(c, frame);
			default -> {
				c.send(this.frames.error("unknown-type", "Unknown frame type '" + abbreviate(type) + "'.", null));
				yield Mono.empty();
			}
		};
	}

	private Mono<Void> subscribe(Connection c, JsonNode frame) {
		String roomId = id(frame, "roomId");
		Long afterSeq = frame.has("afterSeq") ? seq(frame, "afterSeq") : null;
		if (roomId == null || (frame.has("afterSeq") && afterSeq == null)) {
			c.send(this.frames.error("invalid", (roomId == null) ? "roomId: required, an id"
					: "afterSeq: must be a non-negative integer", null));
			return Mono.empty();
		}
		if (c.isSubscribed(roomId)) {
			return Mono.empty();
		}
		if (c.subscriptionCount() >= this.properties.maxRoomsPerConnection()) {
			c.send(this.frames.error("too-many-rooms",
					"At most " + this.properties.maxRoomsPerConnection() + " rooms per connection.", null));
			return Mono.empty();
		}
		return this.rooms.isMember(roomId, c.memberId()).flatMap(member -> {
			if (!member) {
				c.close(Connection.NOT_A_MEMBER);
				return Mono.empty();
			}
			if (!c.subscribe(roomId, afterSeq != null)) {
				return Mono.empty();
			}
			Mono<Void> joined = this.fanout.join(roomId, c).then(this.presence.join(roomId, c.memberId()));
			return (afterSeq != null) ? joined.then(recover(c, roomId, afterSeq)) : joined;
		});
	}

	/** The recent buffer when it reaches back far enough, else history; more than the cap answers a gap. */
	private Mono<Void> recover(Connection c, String roomId, long afterSeq) {
		int max = this.properties.maxRecovery();
		return this.fanout.recent(roomId, afterSeq)
			.filter(frames -> frames.size() <= max)
			.switchIfEmpty(Mono.defer(() -> this.messages.after(roomId, afterSeq, max + 1)
				.map(m -> new Fanout.Recovered(m.seq(), this.frames.message(m)))
				.collectList()))
			.doOnNext(recovered -> {
				if (recovered.size() > max) {
					c.recovered(roomId, List.of(), this.frames.gap(roomId, afterSeq + 1));
				}
				else {
					c.recovered(roomId, recovered, null);
				}
			})
			.then();
	}

	private Mono<Void> unsubscribe(Connection c, JsonNode frame) {
		String roomId = id(frame, "roomId");
		if (roomId == null) {
			c.send(this.frames.error("invalid", "roomId: required, an id", null));
			return Mono.empty();
		}
		return c.unsubscribe(roomId) ? leave(c, roomId) : Mono.empty();
	}

	private Mono<Void> send(Connection c, JsonNode frame) {
		String clientMsgId = id(frame, "clientMsgId");
		String roomId = id(frame, "roomId");
		String body = text(frame, "body");
		String problem = null;
		if (clientMsgId == null) {
			problem = "clientMsgId: required, 1-64 characters without spaces";
		}
		else if (roomId == null) {
			problem = "roomId: required, an id";
		}
		else if (body == null || body.isBlank()) {
			problem = "body: must not be blank";
		}
		else if (body.codePointCount(0, body.length()) > this.properties.maxBodyLength()) {
			c.send(this.frames.error("too-long", "body: at most " + this.properties.maxBodyLength() + " characters",
					clientMsgId));
			return Mono.empty();
		}
		if (problem != null) {
			c.send(this.frames.error("invalid", problem, clientMsgId));
			return Mono.empty();
		}
		return this.messaging.send(c.memberId(), roomId, clientMsgId, body)
			.doOnNext(message -> c.send(this.frames.ack(message)))
			.switchIfEmpty(Mono.fromRunnable(() -> c
				.send(this.frames.error("not-a-member", "You are not a member of room " + roomId + ".", clientMsgId))))
			.then();
	}

	private Mono<Void> read(Connection c, JsonNode frame) {
		String roomId = id(frame, "roomId");
		Long seq = seq(frame, "seq");
		if (roomId == null || seq == null) {
			c.send(this.frames.error("invalid", (roomId == null) ? "roomId: required, an id"
					: "seq: must be a non-negative integer", null));
			return Mono.empty();
		}
		return this.rooms.markReadIfMember(c.memberId(), roomId, seq).then();
	}

	private static @Nullable String text(JsonNode frame, String field) {
		JsonNode node = frame.get(field);
		return (node != null && node.isString()) ? node.asString() : null;
	}

	private static @Nullable String id(JsonNode frame, String field) {
		String value = text(frame, field);
		return (value != null && Limits.validId(value)) ? value : null;
	}

	private static @Nullable Long seq(JsonNode frame, String field) {
		JsonNode node = frame.get(field);
		return (node != null && node.canConvertToLong() && node.isIntegralNumber() && node.asLong() >= 0)
				? node.asLong() : null;
	}

	private static String abbreviate(String s) {
		String cut = (s.length() > 32) ? s.substring(0, 32) : s;
		return cut.replaceAll("[^A-Za-z0-9._-]", "?");
	}

	private record Inbound(@Nullable String text, WebSocketMessage.Type type) {
	}

	/** A decoded frame, or the error frame answering it, or nothing to do. */
	private record Parsed(@Nullable JsonNode frame, @Nullable String type, byte @Nullable [] error) {

		static final Parsed IGNORED = new Parsed(null, null, null);

		static Parsed error(byte[] error) {
			return new Parsed(null, null, error);
		}

	}

}
