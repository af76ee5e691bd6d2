package io.chorus.timeline.store;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;

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
 * Collection {@code comments}: {@code _id, postId, parentId (null = top level), sk, millis,
 * authorId, author{}, authorRev, text, createdAt, updatedAt, version, deleted, likeCount,
 * replyCount, applied[]}. One level of replies: a reply's {@code parentId} is a top-level comment.
 */
public class CommentStore {

	private static final int KEEP_APPLIED = 32;

	private final MongoCollection<Document> comments;

	public CommentStore(MongoDatabase db) {
		this.comments = db.getCollection("comments");
	}

	/** A comment as events carry it. */
	public record Content(String commentId, String postId, @Nullable String parentId, String authorId, String text,
			Instant at, long version) {
	}

	public Mono<Document> created(Content comment) {
		long millis = comment.at().toEpochMilli();
		Bson update = Updates.combine(Updates.set("postId", comment.postId()),
				Updates.set("parentId", comment.parentId()), Updates.set("authorId", comment.authorId()),
				Updates.set("text", comment.text()), Updates.set("createdAt", Date.from(comment.at())),
				Updates.set("millis", millis), Updates.set("sk", Position.sortKey(millis, comment.commentId())),
				Updates.set("version", comment.version()), Updates.setOnInsert("deleted", false),
				Updates.setOnInsert("authorRev", 0L), Updates.setOnInsert("likeCount", 0L),
				Updates.setOnInsert("replyCount", 0L));
		return Mono
			.from(this.comments.findOneAndUpdate(current(comment.commentId(), comment.version()), update,
					new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)))
			.onErrorResume(Guarded::duplicateKey, (ex) -> Mono.empty());
	}

	public Mono<Boolean> updated(String commentId, String text, Instant at, long version) {
		return Mono
			.from(this.comments.updateOne(current(commentId, version),
					Updates.combine(Updates.set("text", text), Updates.set("updatedAt", Date.from(at)),
							Updates.set("version", version))))
			.map((result) -> result.getMatchedCount() > 0);
	}

	/** @return the deleted comment (for its creation time), empty when stale or unknown */
	public Mono<Document> deleted(String commentId, Instant at, long version) {
		return Mono.from(this.comments.findOneAndUpdate(current(commentId, version),
				Updates.combine(Updates.set("deleted", true), Updates.set("text", null),
						Updates.set("deletedAt", Date.from(at)), Updates.set("version", version)),
				new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
	}

	private static Bson current(String commentId, long version) {
		return Filters.and(Filters.eq("_id", commentId), Filters.lte("version", version));
	}

	public Mono<Boolean> change(String commentId, String counter, long delta, String eventId) {
		return Guarded.inc(this.comments, commentId, Updates.inc(counter, delta), eventId, KEEP_APPLIED);
	}

	public Mono<Void> setAuthor(String commentId, AuthorSummary author) {
		return Mono
			.from(this.comments.updateOne(
					Filters.and(Filters.eq("_id", commentId), Filters.lt("authorRev", author.rev())),
					Updates.combine(Updates.set("author", author.toDocument()), Updates.set("authorRev", author.rev()))))
			.then();
	}

	public Mono<Long> setAuthorEverywhere(AuthorSummary author) {
		return Mono
			.from(this.comments.updateMany(
					Filters.and(Filters.eq("authorId", author.id()), Filters.lt("authorRev", author.rev())),
					Updates.combine(Updates.set("author", author.toDocument()), Updates.set("authorRev", author.rev()))))
			.map((result) -> result.getModifiedCount());
	}

	/** Top-level comments of a post (or replies of {@code parentId}), oldest first, after {@code after}. */
	public Flux<Document> page(String postId, @Nullable String parentId, @Nullable Position after, int limit) {
		Bson filter = Filters.and(Filters.eq("postId", postId), Filters.eq("parentId", parentId),
				Filters.eq("deleted", false));
		if (after != null) {
			filter = Filters.and(filter, Filters.gt("sk", after.sortKey()));
		}
		return Flux.from(this.comments.find(filter).sort(Sorts.ascending("sk")).limit(limit));
	}

	/** Replies of several comments in one query, oldest first, at most {@code max} in all. */
	public Flux<Document> replies(String postId, Collection<String> parentIds, int max) {
		if (parentIds.isEmpty()) {
			return Flux.empty();
		}
		return Flux.from(this.comments
			.find(Filters.and(Filters.eq("postId", postId), Filters.in("parentId", parentIds),
					Filters.eq("deleted", false)))
			.sort(Sorts.ascending("sk"))
			.limit(max));
	}

	public Mono<Document> find(String commentId) {
		return Mono.from(this.comments.find(Filters.eq("_id", commentId)).first());
	}

}
