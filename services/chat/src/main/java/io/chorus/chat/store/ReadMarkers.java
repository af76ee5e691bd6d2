package io.chorus.chat.store;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.bson.Document;
import reactor.core.publisher.Mono;

import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/** {@code reads}: {@code {_id: "<roomId>|<memberId>", seq}} — the last seq a member has read; only moves forward. */
public final class ReadMarkers {

	static final String READS = "reads";

	private final ReactiveMongoTemplate mongo;

	public ReadMarkers(ReactiveMongoTemplate mongo) {
		this.mongo = mongo;
	}

	public Mono<Long> mark(String roomId, String memberId, long seq) {
		return this.mongo
			.findAndModify(Query.query(where("_id").is(key(roomId, memberId))), new Update().max("seq", seq),
					FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, READS)
			.map(doc -> doc.get("seq", Number.class).longValue());
	}

	/** Read markers of one member in the given rooms; rooms never read are absent. */
	public Mono<Map<String, Long>> of(String memberId, Collection<String> roomIds) {
		if (roomIds.isEmpty()) {
			return Mono.just(Map.of());
		}
		Map<String, String> roomByKey = new HashMap<>();
		roomIds.forEach(room -> roomByKey.put(key(room, memberId), room));
		return this.mongo.find(Query.query(where("_id").in(roomByKey.keySet())), Document.class, READS)
			.collectMap(doc -> roomByKey.get(doc.getString("_id")), doc -> doc.get("seq", Number.class).longValue());
	}

	static String key(String roomId, String memberId) {
		return roomId + "|" + memberId;
	}

}
