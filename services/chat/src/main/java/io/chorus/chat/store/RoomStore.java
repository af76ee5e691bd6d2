package io.chorus.chat.store;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import io.chorus.chat.domain.Message;
import io.chorus.chat.domain.Room;
import io.chorus.platform.web.KeysetCursor;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * {@code rooms}: {@code {_id, kind, name, memberIds, createdAt, seq, lastSeq, lastMessage, lastActivityAt}}.
 * {@code seq} is handed out by {@code $inc} (one atomic update per message, also the membership
 * check); {@code lastMessage} only moves forward ({@code lastSeq < seq} guard).
 */
public final class RoomStore {

	static final String ROOMS = "rooms";

	private final ReactiveMongoTemplate mongo;

	public RoomStore(ReactiveMongoTemplate mongo) {
		this.mongo = mongo;
	}

	public Mono<Void> createIndexes() {
		return this.mongo.indexOps(ROOMS)
			.createIndex(new Index().on("memberIds", Sort.Direction.ASC).on("lastActivityAt", Sort.Direction.DESC))
			.then();
	}

	/** Inserts; a direct room that exists already is an error the caller turns into "found". */
	public Mono<Room> insert(Room room) {
		Document doc = new Document("_id", room.id()).append("kind", room.kind())
			.append("name", room.name())
			.append("memberIds", room.memberIds())
			.append("createdAt", Date.from(room.createdAt()))
			.append("seq", 0L)
			.append("lastSeq", 0L)
			.append("lastActivityAt", Date.from(room.lastActivityAt()));
		return this.mongo.insert(doc, ROOMS).thenReturn(room);
	}

	public Mono<Room> find(String roomId) {
		return this.mongo.findById(roomId, Document.class, ROOMS).map(RoomStore::room);
	}

	/**
	 * The next sequence number of the room, only for a member: {@code $inc} on the room document
	 * matched by id and member. Empty when the room does not exist or the sender is not a member.
	 */
	public Mono<Room> nextSeq(String roomId, String senderId) {
		Query query = Query.query(where("_id").is(roomId).and("memberIds").is(senderId));
		return this.mongo
			.findAndModify(query, new Update().inc("seq", 1L), FindAndModifyOptions.options().returnNew(true),
					Document.class, ROOMS)
			.map(RoomStore::room);
	}

	/** Moves the room's last message forward (never back, when sends finish out of order). */
	public Mono<Void> lastMessage(Message message) {
		Query query = Query.query(where("_id").is(message.roomId()).and("lastSeq").lt(message.seq()));
		Update update = new Update().set("lastSeq", message.seq())
			.set("lastMessage", MessageStore.document(message, List.of()).append("_id", message.id()))
			.set("lastActivityAt", Date.from(message.sentAt()));
		return this.mongo.updateFirst(query, update, ROOMS).then();
	}

	public Mono<Boolean> addMember(String roomId, String memberId) {
		return this.mongo
			.updateFirst(Query.query(where("_id").is(roomId)), new Update().addToSet("memberIds", memberId), ROOMS)
			.map(r -> r.getMatchedCount() > 0);
	}

	public Mono<Boolean> removeMember(String roomId, String memberId) {
		return this.mongo
			.updateFirst(Query.query(where("_id").is(roomId).and("memberIds").is(memberId)),
					new Update().pull("memberIds", memberId), ROOMS)
			.map(r -> r.getModifiedCount() > 0);
	}

	/** A member's rooms, most recently active first, keyset-paged by (lastActivityAt, id). */
	public Flux<Room> ofMember(String memberId, @Nullable KeysetCursor after, int limit) {
		Criteria criteria = where("memberIds").is(memberId);
		if (after != null) {
			Date at = Date.from(after.createdAt());
			criteria = new Criteria().andOperator(criteria, new Criteria().orOperator(where("lastActivityAt").lt(at),
					new Criteria().andOperator(where("lastActivityAt").is(at), where("_id").lt(after.id()))));
		}
		Query query = Query.query(criteria)
			.with(Sort.by(Sort.Order.desc("lastActivityAt"), Sort.Order.desc("_id")))
			.limit(limit);
		return this.mongo.find(query, Document.class, ROOMS).map(RoomStore::room);
	}

	@SuppressWarnings("unchecked")
	static Room room(Document doc) {
		Document last = doc.get("lastMessage", Document.class);
		Number seq = doc.get("seq", Number.class);
		return new Room(doc.getString("_id"), doc.getString("kind"), doc.getString("name"),
				List.copyOf((List<String>) doc.get("memberIds", List.class)), instant(doc.getDate("createdAt")),
				(seq != null) ? seq.longValue() : 0L, (last != null) ? MessageStore.message(last) : null,
				instant(doc.getDate("lastActivityAt")));
	}

	static Instant instant(@Nullable Date date) {
		return (date != null) ? date.toInstant() : Instant.EPOCH;
	}

}
