package io.chorus.content.events;

import java.time.Instant;
import java.util.List;

import io.chorus.content.domain.Comment;
import io.chorus.content.domain.Post;
import io.chorus.platform.events.CloudEvent;
import io.chorus.platform.events.CloudEventFactory;
import io.chorus.platform.events.outbox.Outbox;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Content's events (see {@code docs/events.md}), appended to the outbox inside the caller's
 * transaction (every method must run within it). Subject and record key are always the post id,
 * comment events included, so everything about one post stays in order on one partition.
 */
public final class ContentEvents {

	public static final String POST_CREATED = CloudEvent.type("content", "post", "created");

	public static final String POST_UPDATED = CloudEvent.type("content", "post", "updated");

	public static final String POST_DELETED = CloudEvent.type("content", "post", "deleted");

	public static final String COMMENT_CREATED = CloudEvent.type("content", "comment", "created");

	public static final String COMMENT_UPDATED = CloudEvent.type("content", "comment", "updated");

	public static final String COMMENT_DELETED = CloudEvent.type("content", "comment", "deleted");

	public static final String POST_LIKED = CloudEvent.type("content", "post", "liked");

	public static final String POST_UNLIKED = CloudEvent.type("content", "post", "unliked");

	public static final String COMMENT_LIKED = CloudEvent.type("content", "comment", "liked");

	public static final String COMMENT_UNLIKED = CloudEvent.type("content", "comment", "unliked");

	private final Outbox outbox;

	private final CloudEventFactory factory;

	private final String topic;

	public ContentEvents(Outbox outbox, CloudEventFactory factory, String topic) {
		this.outbox = outbox;
		this.factory = factory;
		this.topic = topic;
	}

	public String topic() {
		return this.topic;
	}

	public Mono<Void> postCreated(Post post) {
		return append(POST_CREATED, post.id(), new PostCreated(post.id(), post.authorId(), post.text(), post.trackId(),
				post.imageIds(), post.createdAt(), post.version()));
	}

	public Mono<Void> postUpdated(Post post) {
		return append(POST_UPDATED, post.id(), new PostUpdated(post.id(), post.authorId(), post.text(), post.trackId(),
				post.imageIds(), post.updatedAt(), post.version()));
	}

	public Mono<Void> postDeleted(Post post, Instant deletedAt) {
		return append(POST_DELETED, post.id(), new PostDeleted(post.id(), post.authorId(), deletedAt, post.version()));
	}

	public Mono<Void> commentCreated(Comment comment, Post post, @Nullable Comment parent) {
		return append(COMMENT_CREATED, post.id(),
				new CommentCreated(comment.id(), post.id(), post.authorId(), comment.authorId(), comment.parentId(),
						(parent != null) ? parent.authorId() : null, comment.text(), comment.createdAt(),
						comment.version()));
	}

	public Mono<Void> commentUpdated(Comment comment) {
		return append(COMMENT_UPDATED, comment.postId(), new CommentUpdated(comment.id(), comment.postId(),
				comment.authorId(), comment.text(), comment.updatedAt(), comment.version()));
	}

	public Mono<Void> commentDeleted(Comment comment, Instant deletedAt) {
		return append(COMMENT_DELETED, comment.postId(), new CommentDeleted(comment.id(), comment.postId(),
				comment.authorId(), comment.parentId(), deletedAt, comment.version()));
	}

	public Mono<Void> postLiked(Post post, String memberId, Instant at) {
		return append(POST_LIKED, post.id(), new PostLike(post.id(), post.authorId(), memberId, at));
	}

	public Mono<Void> postUnliked(Post post, String memberId, Instant at) {
		return append(POST_UNLIKED, post.id(), new PostLike(post.id(), post.authorId(), memberId, at));
	}

	public Mono<Void> commentLiked(Comment comment, String memberId, Instant at) {
		return append(COMMENT_LIKED, comment.postId(),
				new CommentLike(comment.id(), comment.postId(), comment.authorId(), memberId, at));
	}

	public Mono<Void> commentUnliked(Comment comment, String memberId, Instant at) {
		return append(COMMENT_UNLIKED, comment.postId(),
				new CommentLike(comment.id(), comment.postId(), comment.authorId(), memberId, at));
	}

	private Mono<Void> append(String type, String postId, Object data) {
		return Mono.defer(() -> this.outbox.append(this.topic, this.factory.create(type, postId, data)));
	}

	/** {@code data} of {@code chorus.content.post.created.v1}. */
	public record PostCreated(String postId, String authorId, String text, @Nullable String trackId,
			List<String> imageIds, Instant createdAt, long version) {
	}

	/** {@code data} of {@code chorus.content.post.updated.v1}. */
	public record PostUpdated(String postId, String authorId, String text, @Nullable String trackId,
			List<String> imageIds, Instant updatedAt, long version) {
	}

	/** {@code data} of {@code chorus.content.post.deleted.v1}. */
	public record PostDeleted(String postId, String authorId, Instant deletedAt, long version) {
	}

	/** {@code data} of {@code chorus.content.comment.created.v1}. */
	public record CommentCreated(String commentId, String postId, String postAuthorId, String authorId,
			@Nullable String parentId, @Nullable String parentAuthorId, String text, Instant createdAt, long version) {
	}

	/** {@code data} of {@code chorus.content.comment.updated.v1}. */
	public record CommentUpdated(String commentId, String postId, String authorId, String text, Instant updatedAt,
			long version) {
	}

	/** {@code data} of {@code chorus.content.comment.deleted.v1}. */
	public record CommentDeleted(String commentId, String postId, String authorId, @Nullable String parentId,
			Instant deletedAt, long version) {
	}

	/** {@code data} of {@code chorus.content.post.liked.v1} and {@code ...unliked.v1}. */
	public record PostLike(String postId, String postAuthorId, String memberId, Instant at) {
	}

	/** {@code data} of {@code chorus.content.comment.liked.v1} and {@code ...unliked.v1}. */
	public record CommentLike(String commentId, String postId, String commentAuthorId, String memberId, Instant at) {
	}

}
