package io.chorus.chat.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.chorus.chat.store.MessageStore;
import io.chorus.chat.store.ReadMarkers;
import io.chorus.chat.store.RoomStore;
import io.chorus.platform.events.EventIds;
import io.chorus.platform.web.FieldViolation;
import io.chorus.platform.web.KeysetCursor;
import io.chorus.platform.web.ProblemException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;

/**
 * Rooms and their history as members see them. A room someone is not a member of answers 404, the
 * same as a room that does not exist (membership is not disclosed).
 */
public final class Rooms {

	private final RoomStore rooms;

	private final MessageStore messages;

	private final ReadMarkers reads;

	private final Clock clock;

	private final int maxMembers;

	private final EventIds ids;

	public Rooms(RoomStore rooms, MessageStore messages, ReadMarkers reads, Clock clock, int maxMembers,
			EventIds ids) {
		this.ids = ids;
		this.rooms = rooms;
		this.messages = messages;
		this.reads = reads;
		this.clock = clock;
		this.maxMembers = maxMembers;
	}

	/** A new room (created = true), or the existing direct room of the pair (created = false). */
	public Mono<Created> create(String me, String kind, @Nullable String name, List<String> memberIds) {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		Set<String> members = new LinkedHashSet<>();
		members.add(me);
		members.addAll(memberIds);
		if (Room.DIRECT.equals(kind)) {
			if (members.size() != 2) {
				return Mono.error(invalid("memberIds", "a direct room has exactly one other member"));
			}
			String other = members.stream().filter(m -> !m.equals(me)).findFirst().orElseThrow();
			Room room = new Room(Room.directId(me, other), Room.DIRECT, null, List.copyOf(members), now, 0, null, now);
			return this.rooms.insert(room)
				.map(r -> new Created(r, true))
				.onErrorResume(DuplicateKeyException.class,
						ex -> this.rooms.find(room.id()).map(r -> new Created(r, false)));
		}
		if (members.size() > this.maxMembers) {
			return Mono.error(invalid("memberIds", "at most " + this.maxMembers + " members"));
		}
		Room room = new Room(this.ids.nextId(), Room.GROUP, name, List.copyOf(members), now, 0, null, now);
		return this.rooms.insert(room).map(r -> new Created(r, true));
	}

	public Mono<Page<RoomView>> mine(String me, @Nullable KeysetCursor after, int limit) {
		return this.rooms.ofMember(me, after, limit + 1).collectList().flatMap(found -> {
			List<Room> page = (found.size() > limit) ? found.subList(0, limit) : found;
			return this.reads.of(me, page.stream().map(Room::id).toList()).map(marks -> {
				List<RoomView> items = new ArrayList<>(page.size());
				for (Room room : page) {
					long read = marks.getOrDefault(room.id(), 0L);
					items.add(new RoomView(room.id(), room.kind(), room.name(), room.memberIds(), room.lastMessage(),
							Math.max(0, room.seq() - read)));
				}
				String next = (found.size() > limit)
						? new KeysetCursor(page.getLast().lastActivityAt(), page.getLast().id()).encode() : null;
				return new Page<>(items, next);
			});
		});
	}

	public Mono<Room> addMember(String me, String roomId, String memberId) {
		return member(me, roomId).flatMap(room -> {
			if (!Room.GROUP.equals(room.kind())) {
				return Mono.error(ProblemException.of(HttpStatus.CONFLICT)
					.detail("Members can only be added to group rooms.")
					.build());
			}
			if (room.isMember(memberId)) {
				return Mono.just(room);
			}
			if (room.memberIds().size() >= this.maxMembers) {
				return Mono.error(ProblemException.of(HttpStatus.CONFLICT)
					.detail("The room has the maximum of " + this.maxMembers + " members.")
					.build());
			}
			return this.rooms.addMember(roomId, memberId).then(this.rooms.find(roomId));
		});
	}

	public Mono<Void> leave(String me, String roomId) {
		return member(me, roomId).flatMap(room -> this.rooms.removeMember(roomId, me)).then();
	}

	public Mono<Page<Message>> history(String me, String roomId, @Nullable Long before, int limit) {
		return member(me, roomId).flatMap(room -> this.messages
			.page(roomId, (before != null) ? before : Long.MAX_VALUE, limit + 1)
			.collectList()
			.map(found -> {
				List<Message> page = (found.size() > limit) ? found.subList(0, limit) : found;
				String next = (found.size() > limit) ? Long.toString(page.getLast().seq()) : null;
				return new Page<>(page, next);
			}));
	}

	public Mono<Long> markRead(String me, String roomId, long seq) {
		return member(me, roomId).flatMap(room -> {
			if (seq > room.seq()) {
				return Mono.error(invalid("seq", "must not exceed the room's last seq " + room.seq()));
			}
			return this.reads.mark(roomId, me, seq);
		});
	}

	/** For the WebSocket {@code read} frame: ignored when not a member, capped at the room's seq. */
	public Mono<Long> markReadIfMember(String me, String roomId, long seq) {
		return this.rooms.find(roomId)
			.filter(room -> room.isMember(me))
			.flatMap(room -> this.reads.mark(roomId, me, Math.min(seq, room.seq())));
	}

	public Mono<Boolean> isMember(String roomId, String memberId) {
		return this.rooms.find(roomId).map(room -> room.isMember(memberId)).defaultIfEmpty(false);
	}

	/** The room, when {@code me} is a member; else 404. */
	public Mono<Room> member(String me, String roomId) {
		return this.rooms.find(roomId)
			.filter(room -> room.isMember(me))
			.switchIfEmpty(Mono.error(() -> ProblemException.notFound("No room " + roomId + ".")));
	}

	private static ProblemException invalid(String field, String reason) {
		return ProblemException.validation(List.of(new FieldViolation(field, reason)));
	}

	public record Created(Room room, boolean created) {
	}

	public record RoomView(String id, String kind, @Nullable String name, List<String> memberIds,
			@Nullable Message lastMessage, long unreadCount) {
	}

	public record Page<T>(List<T> items, @Nullable String nextCursor) {
	}

}
