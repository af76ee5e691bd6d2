package io.chorus.chat.live;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import io.chorus.chat.domain.Message;
import io.chorus.chat.domain.Room;
import io.chorus.chat.events.MessageRelay;
import io.chorus.chat.store.MessageStore;
import io.chorus.chat.store.ReadMarkers;
import io.chorus.chat.store.RoomStore;
import io.chorus.platform.events.EventIds;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.dao.DuplicateKeyException;

/**
 * Sending a message: persist first (seq from the room's {@code $inc}, which also checks membership),
 * then publish it to the room's channel and recent buffer, then ack. Members of the room without a live
 * presence entry at that moment are the message's offline recipients; they are written into the
 * message document with a pending flag and relayed to Kafka ({@link MessageRelay}).
 *
 * <p>Idempotent by {@code (senderId, clientMsgId)}: the message id derives from the pair, so a retried
 * send finds the stored message (answered with the original seq, not published again) or loses the
 * insert race on the {@code _id} index (then the seq it drew stays unused, a harmless gap).
 */
public final class Messaging {

	private static final Log log = LogFactory.getLog(Messaging.class);

	private final RoomStore rooms;

	private final MessageStore messages;

	private final ReadMarkers reads;

	private final Presence presence;

	private final Fanout fanout;

	private final Frames frames;

	private final MessageRelay relay;

	private final EventIds ids;

	private final Clock clock;

	public Messaging(RoomStore rooms, MessageStore messages, ReadMarkers reads, Presence presence, Fanout fanout,
			Frames frames, MessageRelay relay, EventIds ids, Clock clock) {
		this.rooms = rooms;
		this.messages = messages;
		this.reads = reads;
		this.presence = presence;
		this.fanout = fanout;
		this.frames = frames;
		this.relay = relay;
		this.ids = ids;
		this.clock = clock;
	}

	/** The stored message; empty when the room does not exist or the sender is not a member. */
	public Mono<Message> send(String senderId, String roomId, String clientMsgId, String body) {
		String id = Message.idFor(senderId, clientMsgId);
		return this.messages.find(id)
			.switchIfEmpty(Mono.defer(() -> this.rooms.nextSeq(roomId, senderId)
				.flatMap(room -> this.presence.online(roomId).flatMap(online -> store(room, id, senderId, clientMsgId,
						body, offline(room, senderId, online))))));
	}

	private Mono<Message> store(Room room, String id, String senderId, String clientMsgId, String body,
			List<String> offline) {
		Message message = new Message(id, room.id(), room.seq(), senderId, body, clientMsgId,
				this.clock.instant().truncatedTo(ChronoUnit.MILLIS));
		String eventId = this.ids.nextId();
		return this.messages.insert(message, offline, eventId)
			.flatMap(stored -> this.fanout.publish(stored.roomId(), stored.seq(), this.frames.message(stored))
				.then(Mono.when(this.rooms.lastMessage(stored), this.reads.mark(stored.roomId(), senderId, stored.seq())))
				.doOnSuccess(v -> relayNow(stored, offline, eventId))
				.thenReturn(stored))
			.onErrorResume(DuplicateKeyException.class, ex -> this.messages.find(id));
	}

	/** First attempt right away, off the ack path; the relay's sweep retries a failure. */
	private void relayNow(Message message, List<String> offline, String eventId) {
		if (offline.isEmpty()) {
			return;
		}
		this.relay.relay(new MessageStore.Pending(message, eventId, offline))
			.subscribe(null, ex -> log.debug("Event of message " + message.id() + " left pending: " + ex));
	}

	static List<String> offline(Room room, String senderId, Set<String> online) {
		return room.memberIds().stream().filter(m -> !m.equals(senderId) && !online.contains(m)).toList();
	}

}
