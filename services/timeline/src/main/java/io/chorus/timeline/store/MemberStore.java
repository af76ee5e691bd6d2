package io.chorus.timeline.store;

import java.util.Collection;
import java.util.List;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Collection {@code members}: this service's own copy of what it needs about members
 * ({@code handle, displayName, avatarUrl, rev, active, followerCount, pull}), built from
 * {@code member.events}. {@code rev} counts applied profile changes; {@code pull} is set once an
 * author's post was not fanned out (merged at read time ever after).
 */
public class MemberStore {

	/** Follow events for one followee come from many partitions at once: keep many ids. */
	private static final int KEEP_APPLIED = 256;

	private final MongoCollection<Document> members;

	public MemberStore(MongoDatabase db) {
		this.members = db.getCollection("members");
	}

	/** Sets the profile, bumps {@code rev}; the summary carries the new revision. */
	public Mono<AuthorSummary> applyProfile(String memberId, String handle, String displayName,
			@Nullable String avatarUrl, boolean registered) {
		var update = Updates.combine(Updates.set("handle", handle), Updates.set("displayName", displayName),
				Updates.set("avatarUrl", avatarUrl), Updates.inc("rev", 1L),
				registered ? Updates.set("active", true) : Updates.setOnInsert("active", true));
		return ensure(memberId)
			.then(Mono.from(this.members.findOneAndUpdate(Filters.eq("_id", memberId), update,
					new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))))
			.map((doc) -> summary(memberId, doc));
	}

	/** The member's summary, empty if this service has not seen its profile yet. */
	public Mono<AuthorSummary> summary(String memberId) {
		return Mono.from(this.members.find(Filters.eq("_id", memberId)).first())
			.filter((doc) -> doc.getString("handle") != null)
			.map((doc) -> summary(memberId, doc));
	}

	public Mono<Document> find(String memberId) {
		return Mono.from(this.members.find(Filters.eq("_id", memberId)).first());
	}

	public Mono<Long> followerCount(String memberId) {
		return Mono
			.from(this.members.find(Filters.eq("_id", memberId)).projection(Projections.include("followerCount")).first())
			.map((doc) -> number(doc, "followerCount"))
			.defaultIfEmpty(0L);
	}

	public Mono<Boolean> changeFollowerCount(String memberId, long delta, String eventId) {
		return ensure(memberId)
			.then(Guarded.inc(this.members, memberId, Updates.inc("followerCount", delta), eventId, KEEP_APPLIED));
	}

	/** One update for all of {@code memberIds} (each guarded by the event id). */
	public Mono<Void> changeFollowerCounts(Collection<String> memberIds, long delta, String eventId) {
		if (memberIds.isEmpty()) {
			return Mono.empty();
		}
		return Mono
			.from(this.members.updateMany(
					Filters.and(Filters.in("_id", memberIds), Filters.ne(Guarded.APPLIED, eventId)),
					Updates.combine(Updates.inc("followerCount", delta),
							Updates.pushEach(Guarded.APPLIED, List.of(eventId), new PushOptions().slice(-KEEP_APPLIED)))))
			.then();
	}

	public Mono<Void> markPull(String memberId) {
		return ensure(memberId)
			.then(Mono.from(this.members.updateOne(Filters.eq("_id", memberId), Updates.set("pull", true))))
			.then();
	}

	public Mono<Boolean> isPull(String memberId) {
		return find(memberId).map((doc) -> Boolean.TRUE.equals(doc.getBoolean("pull"))).defaultIfEmpty(false);
	}

	public Mono<Void> deactivate(String memberId) {
		return ensure(memberId)
			.then(Mono.from(this.members.updateOne(Filters.eq("_id", memberId),
					Updates.combine(Updates.set("active", false), Updates.set("followerCount", 0L)))))
			.then();
	}

	/**
	 * Creates the member's document if missing (a duplicate means it exists), so every change after
	 * it is a plain update. Not upserts: member documents are written from many partitions at once,
	 * and two concurrent upserts of one id can both try the insert (E11000 for the loser); an
	 * insert attempt per event is cheap.
	 */
	private Mono<Void> ensure(String memberId) {
		return Mono.from(this.members.insertOne(new Document("_id", memberId).append("followerCount", 0L)))
			.then()
			.onErrorResume(Guarded::duplicateKey, (ex) -> Mono.empty());
	}

	static long number(Document doc, String field) {
		Object value = doc.get(field);
		return (value instanceof Number n) ? n.longValue() : 0L;
	}

	private static AuthorSummary summary(String memberId, Document doc) {
		return new AuthorSummary(memberId, doc.getString("handle"), doc.getString("displayName"),
				doc.getString("avatarUrl"), number(doc, "rev"));
	}

}
