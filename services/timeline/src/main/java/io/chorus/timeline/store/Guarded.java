package io.chorus.timeline.store;

import java.util.List;

import com.mongodb.MongoServerException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import org.bson.Document;
import org.bson.conversions.Bson;
import reactor.core.publisher.Mono;

/**
 * Counter changes applied at most once per event, atomically, with no read-modify-write: the
 * document keeps the ids of the last events applied to it ({@code applied}, capped) and the
 * update only matches when the event's id is not among them. The consumer already dedupes by
 * event id; this closes the gap of a crash between applying an event and recording it.
 */
final class Guarded {

	static final String APPLIED = "applied";

	private Guarded() {
	}

	/**
	 * {@code $inc} {@code changes} on document {@code id} unless {@code eventId} was applied there.
	 * @return whether the change was applied now (false: already applied, or no such document)
	 */
	static Mono<Boolean> inc(MongoCollection<Document> collection, String id, Bson changes, String eventId,
			int keep) {
		Bson filter = Filters.and(Filters.eq("_id", id), Filters.ne(APPLIED, eventId));
		Bson update = Updates.combine(changes,
				Updates.pushEach(APPLIED, List.of(eventId), new PushOptions().slice(-keep)));
		return Mono.from(collection.updateOne(filter, update)).map((result) -> result.getModifiedCount() > 0);
	}

	/** E11000 from an update (write error) or a findAndModify (command error). */
	static boolean duplicateKey(Throwable ex) {
		return ex instanceof MongoServerException server && server.getCode() == 11000;
	}

}
