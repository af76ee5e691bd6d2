package io.chorus.timeline.store;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.chorus.timeline.domain.Position;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Collection {@code posts}: {@code _id, sk (sort key), authorId, author{handle, displayName,
 * avatarUrl}, authorRev, authorActive, text, trackId, imageIds, createdAt, updatedAt, version,
 * deleted, pushed, likeCount, commentCount, applied[]}. Content changes apply only with a
 * version at least the stored one (stale events are dropped); counters change with {@code $inc}.
 */
public class PostStore {

	/** Events of one post arrive in order on one partition: a short memory is enough. */
	private static final int KEEP_APPLIED = 32;

	private final MongoCollection<Document> posts;

	public PostStore(MongoDatabase db) {
		this.posts = db.getCollection("posts");
	}

	/** A post's content as events carry it. */
	public record Content(String postId, String authorId, String text, @Nullable String trackId,
			List<String> imageIds, Instant at, long version) {
	}

	/**
	 * Inserts (or re-applies) a created post; {@code pushed} is fixed at the first insert.
	 * @return the stored post, empty when a newer version is already stored
	 */
	public Mono<Document> created(Content post, boolean pushed) {
		long millis = post.at().toEpochMilli();
		Bson update = Updates.combine(Updates.set("authorId", post.authorId()), Updates.set("text", post.text()),
				Updates.set("trackId", post.trackId()), Updates.set("imageIds", post.imageIds()),
				Updates.set("createdAt", Date.from(post.at())), Updates.set("millis", millis),
				Updates.set("sk", Position.sortKey(millis, post.postId())), Updates.set("version", post.version()),
				Updates.setOnInsert("deleted", false), Updates.setOnInsert("pushed", pushed),
				Updates.setOnInsert("authorActive", true), Updates.setOnInsert("authorRev", 0L),
				Updates.setOnInsert("likeCount", 0L), Updates.setOnInsert("commentCount", 0L));
		return Mono
			.from(this.posts.findOneAndUpdate(current(post.postId(), post.version()), update,
					new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)))
			.onErrorResume(Guarded::duplicateKey, (ex) -> Mono.empty());
	}

	public Mono<Boolean> updated(Content post) {
		Bson update = Updates.combine(Updates.set("text", post.text()), Updates.set("trackId", post.trackId()),
				Updates.set("imageIds", post.imageIds()), Updates.set("updatedAt", Date.from(post.at())),
				Updates.set("version", post.version()));
		return Mono.from(this.posts.updateOne(current(post.postId(), post.version()), update))
			.map((result) -> result.getMatchedCount() > 0);
	}

	public Mono<Boolean> deleted(String postId, Instant at, long version) {
		Bson update = Updates.combine(Updates.set("deleted", true), Updates.set("text", null),
				Updates.set("deletedAt", Date.from(at)), Updates.set("version", version));
		return Mono.from(this.posts.updateOne(current(postId, version), update))
			.map((result) -> result.getMatchedCount() > 0);
	}

	private static Bson current(String postId, long version) {
		return Filters.and(Filters.eq("_id", postId), Filters.lte("version", version));
	}

	/** Copies the author summary onto one post unless it holds a newer one. */
	public Mono<Void> setAuthor(String postId, AuthorSummary author) {
		return Mono
			.from(this.posts.updateOne(Filters.and(Filters.eq("_id", postId), Filters.lt("authorRev", author.rev())),
					Updates.combine(Updates.set("author", author.toDocument()), Updates.set("authorRev", author.rev()))))
			.then();
	}

	/** Every post of the author gets the new summary: one update, not a loop. */
	public Mono<Long> setAuthorEverywhere(AuthorSummary author) {
		return Mono
			.from(this.posts.updateMany(
					Filters.and(Filters.eq("authorId", author.id()), Filters.lt("authorRev", author.rev())),
					Updates.combine(Updates.set("author", author.toDocument()), Updates.set("authorRev", author.rev()))))
			.map((result) -> result.getModifiedCount());
	}

	public Mono<Void> deactivateAuthor(String authorId) {
		return Mono
			.from(this.posts.updateMany(Filters.eq("authorId", authorId), Updates.set("authorActive", false)))
			.then();
	}

	public Mono<Boolean> change(String postId, String counter, long delta, String eventId) {
		return Guarded.inc(this.posts, postId, Updates.inc(counter, delta), eventId, KEEP_APPLIED);
	}

	public Mono<Document> find(String postId) {
		return Mono.from(this.posts.find(Filters.eq("_id", postId)).first());
	}

	/** One query for a page's posts (any order). */
	public Flux<Document> findAll(Collection<String> postIds) {
		if (postIds.isEmpty()) {
			return Flux.empty();
		}
		return Flux.from(this.posts.find(Filters.in("_id", postIds)));
	}

	/** An author's visible posts, newest first, strictly after {@code before}. */
	public Flux<Document> byAuthor(String authorId, @Nullable Position before, int limit) {
		return page(Filters.and(Filters.eq("authorId", authorId), visible()), before, limit);
	}

	/** Posts of read-time authors (not fanned out), newest first, strictly after {@code before}. */
	public Flux<Document> pulled(Collection<String> authorIds, @Nullable Position before, int limit) {
		if (authorIds.isEmpty()) {
			return Flux.empty();
		}
		return page(Filters.and(Filters.in("authorId", authorIds), Filters.eq("pushed", false), visible()), before,
				limit);
	}

	/** The newest fanned-out posts of an author (for backfill and unfollow cleanup). */
	public Flux<Document> recentPushed(String authorId, int limit) {
		return page(Filters.and(Filters.eq("authorId", authorId), Filters.eq("pushed", true),
				Filters.eq("deleted", false)), null, limit);
	}

	private Flux<Document> page(Bson filter, @Nullable Position before, int limit) {
		Bson where = (before != null) ? Filters.and(filter, Filters.lt("sk", before.sortKey())) : filter;
		return Flux.from(this.posts.find(where).sort(Sorts.descending("sk")).limit(limit));
	}

	private static Bson visible() {
		return Filters.and(Filters.eq("deleted", false), Filters.ne("authorActive", false));
	}

	public static Position position(Document post) {
		return new Position(MemberStore.number(post, "millis"), post.getString("_id"));
	}

	public static boolean isVisible(Document post) {
		return !Boolean.TRUE.equals(post.getBoolean("deleted")) && !Boolean.FALSE.equals(post.getBoolean("authorActive"));
	}

}
