package io.chorus.chat.store;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import io.chorus.chat.domain.Message;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * {@code messages}: {@code {_id, roomId, seq, senderId, body, clientMsgId, sentAt, eventId,
 * offlineRecipients, pending}}. Unique {@code (roomId, seq)} and {@code (senderId, clientMsgId)}.
 *
 * <p>{@code pending: "y"} marks a message whose {@code chorus.chat.message.posted.v1} event is not on
 * Kafka yet; it is written with the message (one document, so no transaction is needed) and removed
 * once the broker acknowledged the event. A string value so the wire server's equality index serves
 * the relay's query.
 */
public final class MessageStore {

	static final String MESSAGES = "messages";

	static final String PENDING = "y";

	private final ReactiveMongoTemplate mongo;

	public MessageStore(ReactiveMongoTemplate mongo) {
		this.mongo = mongo;
	}

	public Mono<Void> createIndexes() {
		var ops = this.mongo.indexOps(MESSAGES);
		return ops.createIndex(new Index().on("roomId", Sort.Direction.ASC).on("seq", Sort.Direction.ASC).unique())
			.then(ops.createIndex(
					new Index().on("senderId", Sort.Direction.ASC).on("clientMsgId", Sort.Direction.ASC).unique()))
			.then(ops.createIndex(new Index().on("roomId", Sort.Direction.ASC).on("sentAt", Sort.Direction.DESC)))
			.then(ops.createIndex(new Index().on("pending", Sort.Direction.ASC).sparse()))
			.then();
	}

	/**
	 * Stores a message; with offline recipients it is also pending relay under {@code eventId}.
	 * A duplicate {@code (senderId, clientMsgId)} fails with Spring's {@code DuplicateKeyException}.
	 */
	public Mono<Message> insert(Message message, List<String> offlineRecipients, String eventId) {
		Document doc = document(message, offlineRecipients).append("_id", message.id()).append("eventId", eventId);
		if (!offlineRecipients.isEmpty()) {
			doc.append("pending", PENDING);
		}
		return this.mongo.insert(doc, MESSAGES).thenReturn(message);
	}

	public Mono<Message> find(String id) {
		return this.mongo.findById(id, Document.class, MESSAGES).map(MessageStore::message);
	}

	/** Newest first, strictly before {@code beforeSeq}. */
	public Flux<Message> page(String roomId, long beforeSeq, int limit) {
		Query query = Query.query(where("roomId").is(roomId).and("seq").lt(beforeSeq))
			.with(Sort.by(Sort.Order.desc("seq")))
			.limit(limit);
		return this.mongo.find(query, Document.class, MESSAGES).map(MessageStore::message);
	}

	/** Oldest first, strictly after {@code afterSeq}. */
	public Flux<Message> after(String roomId, long afterSeq, int limit) {
		Query query = Query.query(where("roomId").is(roomId).and("seq").gt(afterSeq))
			.with(Sort.by(Sort.Order.asc("seq")))
			.limit(limit);
		return this.mongo.find(query, Document.class, MESSAGES).map(MessageStore::message);
	}

	/** Messages whose event is still to be published, stored before {@code before}. */
	public Flux<Pending> pending(Instant before, int limit) {
		Query query = Query.query(where("pending").is(PENDING).and("sentAt").lt(Date.from(before)))
			.with(Sort.by(Sort.Order.asc("sentAt")))
			.limit(limit);
		return this.mongo.find(query, Document.class, MESSAGES).map(MessageStore::pending);
	}

	public Mono<Void> relayed(String messageId) {
		return this.mongo
			.updateFirst(Query.query(where("_id").is(messageId)), new Update().unset("pending"), MESSAGES)
			.then();
	}

	static Document document(Message m, List<String> offlineRecipients) {
		Document doc = new Document("roomId", m.roomId()).append("seq", m.seq())
			.append("senderId", m.senderId())
			.append("body", m.body())
			.append("clientMsgId", m.clientMsgId())
			.append("sentAt", Date.from(m.sentAt()));
		if (!offlineRecipients.isEmpty()) {
			doc.append("offlineRecipients", offlineRecipients);
		}
		return doc;
	}

	static Message message(Document doc) {
		return new Message(doc.getString("_id"), doc.getString("roomId"), doc.get("seq", Number.class).longValue(),
				doc.getString("senderId"), doc.getString("body"), doc.getString("clientMsgId"),
				doc.getDate("sentAt").toInstant());
	}

	@SuppressWarnings("unchecked")
	static Pending pending(Document doc) {
		return new Pending(message(doc), doc.getString("eventId"),
				List.copyOf((List<String>) doc.get("offlineRecipients", List.class)));
	}

	/** A message with the event that is still to be published for it. */
	public record Pending(Message message, String eventId, List<String> offlineRecipients) {
	}

}
