package io.chorus.activity.store;

import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.chorus.activity.domain.Change;
import io.chorus.activity.domain.Cursor;
import io.chorus.activity.domain.Entry;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The four collections of the service: {@code notifications}, {@code activities} (both entries),
 * {@code follows} and {@code members}. Every keyed write is a conditional upsert:
 * {@code {_id: key, version: {$lt: v}}} — when a document with that key already has a version
 * at least as new, the filter misses, the upsert tries to insert the existing {@code _id} and the
 * duplicate key error means "stale or already applied": nothing changes.
 */
public class EntryStore {

	public static final String NOTIFICATIONS = "notifications";

	public static final String ACTIVITIES = "activities";

	public static final String FOLLOWS = "follows";

	public static final String MEMBERS = "members";

	private final ReactiveMongoTemplate mongo;

	public EntryStore(ReactiveMongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** Creates the indexes the queries use (idempotent). */
	public Mono<Void> createIndexes() {
		return Flux.concat(
				index(NOTIFICATIONS, new Index().on("ownerId", Sort.Direction.ASC).on("active", Sort.Direction.ASC)
					.on("at", Sort.Direction.DESC).on("_id", Sort.Direction.DESC).named("owner_page")),
				index(NOTIFICATIONS, new Index().on("postId", Sort.Direction.ASC).named("post")),
				index(NOTIFICATIONS, new Index().on("commentId", Sort.Direction.ASC).named("comment")),
				index(NOTIFICATIONS, new Index().on("actorId", Sort.Direction.ASC).named("actor")),
				index(ACTIVITIES, new Index().on("actorId", Sort.Direction.ASC).on("active", Sort.Direction.ASC)
					.on("at", Sort.Direction.DESC).on("_id", Sort.Direction.DESC).named("actor_page")),
				index(ACTIVITIES, new Index().on("postId", Sort.Direction.ASC).named("post")),
				index(ACTIVITIES, new Index().on("commentId", Sort.Direction.ASC).named("comment")),
				index(FOLLOWS, new Index().on("followerId", Sort.Direction.ASC).on("active", Sort.Direction.ASC)
					.on("at", Sort.Direction.DESC).named("follower")))
			.then();
	}

	private Mono<String> index(String collection, Index index) {
		return this.mongo.indexOps(collection).createIndex(index);
	}

	public Mono<Void> apply(Change change) {
		return switch (change) {
			case Change.Put put -> upsert(collection(put.collection()), put.entry().key(), put.entry().version(),
					entryUpdate(put.entry()));
			case Change.Remove remove -> upsert(collection(remove.collection()), remove.key(), remove.version(),
					new Update().set("active", false));
			case Change.RemoveReferring refs -> hideAll(refs.field(), refs.value());
			case Change.Follow follow -> upsert(FOLLOWS, follow.key(), follow.version(),
					new Update().set("followerId", follow.followerId())
						.set("followeeId", follow.followeeId())
						.set("active", follow.active())
						.set("at", Date.from(follow.at())));
			case Change.Member member -> upsert(MEMBERS, member.memberId(), member.version(),
					new Update().set("handle", member.handle()).set("displayName", member.displayName()));
			case Change.MemberDeactivated gone -> upsert(MEMBERS, gone.memberId(), gone.version(),
					new Update().set("deactivated", true))
				.then(hideAll("actorId", gone.memberId()));
		};
	}

	private static String collection(Change.Collection collection) {
		return switch (collection) {
			case NOTIFICATIONS -> NOTIFICATIONS;
			case ACTIVITIES -> ACTIVITIES;
		};
	}

	private static Update entryUpdate(Entry entry) {
		return new Update().set("ownerId", entry.ownerId())
			.set("kind", entry.kind())
			.set("actorId", entry.actorId())
			.set("postId", entry.postId())
			.set("commentId", entry.commentId())
			.set("trackId", entry.trackId())
			.set("artistId", entry.artistId())
			.set("targetMemberId", entry.targetMemberId())
			.set("roomId", entry.roomId())
			.set("text", entry.text())
			.set("at", Date.from(entry.at()))
			.set("active", true);
	}

	private Mono<Void> upsert(String collection, String key, String version, Update update) {
		Query query = Query.query(where("_id").is(key).and("version").lt(version));
		return this.mongo.upsert(query, update.set("version", version), collection)
			.onErrorResume(DuplicateKeyException.class, ex -> Mono.empty())
			.then();
	}

	/** Hides every live notification and activity whose {@code field} is {@code value}. */
	private Mono<Void> hideAll(String field, String value) {
		Update hide = new Update().set("active", false);
		return this.mongo.updateMulti(Query.query(where(field).is(value).and("active").is(true)), hide, NOTIFICATIONS)
			.then(this.mongo.updateMulti(Query.query(where(field).is(value).and("active").is(true)), hide, ACTIVITIES))
			.then();
	}

	/**
	 * One page of live entries whose {@code field} is one of {@code owners}, newest first, strictly
	 * after {@code cursor}; {@code limit + 1} are read to know whether another page exists.
	 */
	public Mono<List<Entry>> page(String collection, String field, Collection<String> owners, @Nullable Cursor cursor,
			int limit) {
		Criteria criteria = (owners.size() == 1) ? where(field).is(owners.iterator().next()) : where(field).in(owners);
		criteria = criteria.and("active").is(true);
		if (cursor != null) {
			Date at = Date.from(cursor.at());
			criteria = new Criteria().andOperator(criteria,
					new Criteria().orOperator(where("at").lt(at), where("at").is(at).and("_id").lt(cursor.id())));
		}
		Query query = Query.query(criteria)
			.with(Sort.by(Sort.Order.desc("at"), Sort.Order.desc("_id")))
			.limit(limit + 1);
		return this.mongo.find(query, Document.class, collection).map(EntryStore::entry).collectList();
	}

	/** Whom {@code memberId} follows, most recent follows first, at most {@code max}. */
	public Mono<List<String>> followees(String memberId, int max) {
		Query query = Query.query(where("followerId").is(memberId).and("active").is(true))
			.with(Sort.by(Sort.Order.desc("at")))
			.limit(max);
		query.fields().include("followeeId");
		return this.mongo.find(query, Document.class, FOLLOWS).map(doc -> doc.getString("followeeId")).collectList();
	}

	/** Handles and display names of the members among {@code ids} that this service has heard of. */
	public Mono<Map<String, MemberRecord>> members(Collection<String> ids) {
		if (ids.isEmpty()) {
			return Mono.just(Map.of());
		}
		return this.mongo.find(Query.query(where("_id").in(ids)), Document.class, MEMBERS)
			.map(doc -> new MemberRecord(doc.getString("_id"), doc.getString("handle"), doc.getString("displayName"),
					Boolean.TRUE.equals(doc.getBoolean("deactivated"))))
			.collectMap(MemberRecord::id, Function.identity());
	}

	private static Entry entry(Document doc) {
		return new Entry(doc.getString("_id"), doc.getString("ownerId"), doc.getString("kind"), doc.getString("actorId"),
				doc.getString("postId"), doc.getString("commentId"), doc.getString("trackId"), doc.getString("artistId"),
				doc.getString("targetMemberId"), doc.getString("roomId"), doc.getString("text"), doc.getDate("at").toInstant(),
				doc.getString("version"));
	}

	/** A member as this service knows them from member events. */
	public record MemberRecord(String id, @Nullable String handle, @Nullable String displayName, boolean deactivated) {
	}

}
