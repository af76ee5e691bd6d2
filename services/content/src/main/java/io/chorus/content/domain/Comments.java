package io.chorus.content.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.chorus.content.events.ContentEvents;
import io.chorus.content.store.CommentStore;
import io.chorus.content.store.PostStore;
import io.chorus.platform.events.EventIds;
import io.chorus.platform.web.FieldViolation;
import io.chorus.platform.web.ProblemException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Comments, replies (exactly one level: a reply's parent is a top-level comment of the same
 * post) and the comment like set. Every change locks the comment's post row first, then the
 * comment, so one post's events are written in commit order; a deleted post takes no changes.
 */
public final class Comments {

	private final Posts posts;

	private final PostStore postStore;

	private final CommentStore comments;

	private final ContentEvents events;

	private final Transactions tx;

	private final EventIds ids;

	private final Clock clock;

	public Comments(Posts posts, PostStore postStore, CommentStore comments, ContentEvents events, Transactions tx,
			EventIds ids, Clock clock) {
		this.posts = posts;
		this.postStore = postStore;
		this.comments = comments;
		this.events = events;
		this.tx = tx;
		this.ids = ids;
		this.clock = clock;
	}

	public Mono<Comment> create(String authorId, String postId, CommentDraft draft) {
		return this.tx.run(() -> this.posts.lockLive(postId)
			.flatMap((post) -> parent(post, draft.parentId()).map(Parent::new)
				.defaultIfEmpty(new Parent(null))
				.flatMap((parent) -> {
					Instant now = this.clock.instant();
					Comment comment = new Comment(this.ids.nextId(), post.id(), draft.parentId(), authorId,
							draft.text(), 0, 1, now, now, null);
					return this.comments.insert(comment)
						.then(this.postStore.adjustCommentCount(post.id(), 1))
						.then(this.events.commentCreated(comment, post, parent.comment()))
						.thenReturn(comment);
				})));
	}

	/** Replaces the text; author only. */
	public Mono<Comment> update(String memberId, String commentId, String text) {
		return this.tx.run(() -> lockOwn(memberId, commentId).flatMap((comment) -> {
			Instant now = this.clock.instant();
			Comment updated = new Comment(comment.id(), comment.postId(), comment.parentId(), comment.authorId(), text,
					comment.likeCount(), comment.version() + 1, comment.createdAt(), now, null);
			return this.comments.update(commentId, text, now)
				.then(this.events.commentUpdated(updated))
				.thenReturn(updated);
		}));
	}

	/** Soft delete; author only. Replies of a deleted comment stay. */
	public Mono<Void> delete(String memberId, String commentId) {
		return this.tx.run(() -> lockOwn(memberId, commentId).flatMap((comment) -> {
			Instant now = this.clock.instant();
			Comment deleted = new Comment(comment.id(), comment.postId(), comment.parentId(), comment.authorId(),
					comment.text(), comment.likeCount(), comment.version() + 1, comment.createdAt(), now, now);
			return this.comments.softDelete(commentId, now)
				.then(this.postStore.adjustCommentCount(comment.postId(), -1))
				.then(this.events.commentDeleted(deleted, now));
		}));
	}

	/** Likes the comment; a repeat writes nothing and emits nothing. */
	public Mono<Void> like(String memberId, String commentId) {
		return this.tx.run(() -> lockLive(commentId).flatMap((comment) -> {
			Instant now = this.clock.instant();
			return this.comments.like(commentId, memberId, now)
				.flatMap((added) -> added ? this.events.commentLiked(comment, memberId, now) : Mono.empty());
		}));
	}

	/** Takes the like back; a repeat writes nothing and emits nothing. */
	public Mono<Void> unlike(String memberId, String commentId) {
		return this.tx.run(() -> lockLive(commentId).flatMap((comment) -> {
			Instant now = this.clock.instant();
			return this.comments.unlike(commentId, memberId)
				.flatMap((removed) -> removed ? this.events.commentUnliked(comment, memberId, now) : Mono.empty());
		}));
	}

	// The parent must be a live, top-level comment of the same post (locked: it cannot be deleted
	// while the reply goes in). Empty for a top-level comment.
	private Mono<Comment> parent(Post post, @Nullable String parentId) {
		if (parentId == null) {
			return Mono.empty();
		}
		return this.comments.lock(parentId)
			.filter((parent) -> !parent.deleted() && parent.postId().equals(post.id()))
			.switchIfEmpty(Mono.error(() -> invalidParent("does not name a comment of this post")))
			.flatMap((parent) -> parent.isReply()
					? Mono.error(invalidParent("names a reply; replies are one level deep, reply to its parent"))
					: Mono.just(parent));
	}

	private static ProblemException invalidParent(String reason) {
		return ProblemException.validation(List.of(new FieldViolation("parentId", reason)));
	}

	// Post row first, then the comment: the same order as every other change of the post.
	private Mono<Comment> lockLive(String commentId) {
		if (!ContentRules.isContentId(commentId)) {
			return Mono.error(ContentProblems.commentNotFound(commentId));
		}
		return this.comments.postIdOf(commentId)
			.switchIfEmpty(Mono.error(() -> ContentProblems.commentNotFound(commentId)))
			.flatMap((postId) -> this.posts.lockLive(postId)
				.onErrorMap(ProblemException.class, (ex) -> ContentProblems.commentNotFound(commentId)))
			.then(this.comments.lock(commentId))
			.filter((comment) -> !comment.deleted())
			.switchIfEmpty(Mono.error(() -> ContentProblems.commentNotFound(commentId)));
	}

	private Mono<Comment> lockOwn(String memberId, String commentId) {
		return lockLive(commentId).flatMap((comment) -> comment.authorId().equals(memberId) ? Mono.just(comment)
				: Mono.error(ContentProblems.notAuthor("comment")));
	}

	private record Parent(@Nullable Comment comment) {
	}

}
