package io.chorus.timeline.events;

import java.time.Clock;
import java.time.Instant;

import io.chorus.platform.events.CloudEvent;
import io.chorus.timeline.store.CommentStore;
import io.chorus.timeline.store.FollowStore;
import io.chorus.timeline.store.LikeStore;
import io.chorus.timeline.store.MemberStore;
import io.chorus.timeline.store.PostStore;
import io.chorus.timeline.store.Rankings;
import io.chorus.timeline.store.Rankings.Kind;
import org.bson.Document;
import reactor.core.publisher.Mono;

/**
 * Applies {@code content.events} (payloads as in docs/events.md) to the read models. Every step
 * is idempotent, so a re-applied event (crash between apply and dedupe mark) changes nothing:
 * content by version, sets by key, counters guarded by event id.
 */
public class ContentProjection {

	static final String POST_CREATED = CloudEvent.type("content", "post", "created");

	static final String POST_UPDATED = CloudEvent.type("content", "post", "updated");

	static final String POST_DELETED = CloudEvent.type("content", "post", "deleted");

	static final String COMMENT_CREATED = CloudEvent.type("content", "comment", "created");

	static final String COMMENT_UPDATED = CloudEvent.type("content", "comment", "updated");

	static final String COMMENT_DELETED = CloudEvent.type("content", "comment", "deleted");

	static final String POST_LIKED = CloudEvent.type("content", "post", "liked");

	static final String POST_UNLIKED = CloudEvent.type("content", "post", "unliked");

	static final String COMMENT_LIKED = CloudEvent.type("content", "comment", "liked");

	static final String COMMENT_UNLIKED = CloudEvent.type("content", "comment", "unliked");

	private final PostStore posts;

	private final CommentStore comments;

	private final LikeStore likes;

	private final MemberStore members;

	private final FollowStore follows;

	private final FanOut fanOut;

	private final Rankings rankings;

	private final int fanOutThreshold;

	private final Clock clock;

	public ContentProjection(PostStore posts, CommentStore comments, LikeStore likes, MemberStore members,
			FollowStore follows, FanOut fanOut, Rankings rankings, int fanOutThreshold, Clock clock) {
		this.posts = posts;
		this.comments = comments;
		this.likes = likes;
		this.members = members;
		this.follows = follows;
		this.fanOut = fanOut;
		this.rankings = rankings;
		this.fanOutThreshold = fanOutThreshold;
		this.clock = clock;
	}

	public Mono<Void> apply(CloudEvent event) {
		return Mono.defer(() -> {
			EventData data = new EventData(event.type(), event.data());
			String type = event.type();
			if (POST_CREATED.equals(type)) {
				return postCreated(data);
			}
			if (POST_UPDATED.equals(type)) {
				return this.posts.updated(postContent(data, "updatedAt")).then();
			}
			if (POST_DELETED.equals(type)) {
				return this.posts.deleted(data.text("postId"), data.instant("deletedAt"), data.number("version")).then();
			}
			if (COMMENT_CREATED.equals(type)) {
				return commentCreated(data, event.id());
			}
			if (COMMENT_UPDATED.equals(type)) {
				return this.comments
					.updated(data.text("commentId"), data.text("text"), data.instant("updatedAt"), data.number("version"))
					.then();
			}
			if (COMMENT_DELETED.equals(type)) {
				return commentDeleted(data, event.id());
			}
			if (POST_LIKED.equals(type)) {
				return postLiked(data, event.id());
			}
			if (POST_UNLIKED.equals(type)) {
				return postUnliked(data, event.id());
			}
			if (COMMENT_LIKED.equals(type) || COMMENT_UNLIKED.equals(type)) {
				data.text("postId");
				data.text("memberId");
				return this.comments
					.change(data.text("commentId"), "likeCount", COMMENT_LIKED.equals(type) ? 1 : -1, event.id())
					.then();
			}
			return Mono.empty(); // unknown types are skipped (forward compatibility)
		});
	}

	private static PostStore.Content postContent(EventData data, String timeField) {
		return new PostStore.Content(data.text("postId"), data.text("authorId"), data.text("text"),
				data.optionalText("trackId"), data.texts("imageIds"), data.instant(timeField), data.number("version"));
	}

	/**
	 * Stores the post (the push/pull choice is made once, from the author's follower count now),
	 * copies the author summary onto it, then fans it out or marks the author as read-time.
	 */
	private Mono<Void> postCreated(EventData data) {
		PostStore.Content post = postContent(data, "createdAt");
		return this.members.followerCount(post.authorId())
			.flatMap((followers) -> this.posts.created(post, followers <= this.fanOutThreshold))
			.flatMap((stored) -> this.members.summary(post.authorId())
				.flatMap((author) -> this.posts.setAuthor(post.postId(), author))
				.then(Mono.defer(() -> distribute(stored))));
	}

	private Mono<Void> distribute(Document stored) {
		if (Boolean.TRUE.equals(stored.getBoolean("deleted"))) {
			return Mono.empty();
		}
		String authorId = stored.getString("authorId");
		if (Boolean.TRUE.equals(stored.getBoolean("pushed"))) {
			return this.fanOut.push(authorId, PostStore.position(stored));
		}
		// read-time author from now on: flag the member, then every edge to it (a follow applied
		// concurrently re-reads the member flag after inserting its edge, so no edge is missed)
		return this.members.markPull(authorId)
			.then(this.follows.markPullEdges(authorId))
			.then(this.fanOut.pushOwn(authorId, PostStore.position(stored)));
	}

	private Mono<Void> commentCreated(EventData data, String eventId) {
		CommentStore.Content comment = new CommentStore.Content(data.text("commentId"), data.text("postId"),
				data.optionalText("parentId"), data.text("authorId"), data.text("text"), data.instant("createdAt"),
				data.number("version"));
		return this.comments.created(comment)
			.flatMap((stored) -> this.members.summary(comment.authorId())
				.flatMap((author) -> this.comments.setAuthor(comment.commentId(), author))
				.then(this.posts.change(comment.postId(), "commentCount", 1, eventId))
				.then((comment.parentId() != null)
						? this.comments.change(comment.parentId(), "replyCount", 1, eventId) : Mono.empty())
				.then(this.rankings.record(Kind.COMMENTS, comment.postId(), comment.at(), 1, eventId,
						this.clock.instant())));
	}

	private Mono<Void> commentDeleted(EventData data, String eventId) {
		String postId = data.text("postId");
		String parentId = data.optionalText("parentId");
		return this.comments.deleted(data.text("commentId"), data.instant("deletedAt"), data.number("version"))
			.flatMap((stored) -> {
				Instant createdAt = stored.getDate("createdAt").toInstant();
				String parent = (parentId != null) ? parentId : stored.getString("parentId");
				return this.posts.change(postId, "commentCount", -1, eventId)
					.then((parent != null) ? this.comments.change(parent, "replyCount", -1, eventId) : Mono.empty())
					.then(this.rankings.record(Kind.COMMENTS, postId, createdAt, -1, eventId, this.clock.instant()));
			});
	}

	private Mono<Void> postLiked(EventData data, String eventId) {
		String postId = data.text("postId");
		String memberId = data.text("memberId");
		Instant at = data.instant("at");
		return this.likes.like(postId, memberId, at)
			.then(this.posts.change(postId, "likeCount", 1, eventId))
			.then(this.rankings.record(Kind.LIKES, postId, at, 1, eventId, this.clock.instant()));
	}

	/** Takes the like out of the bucket it was counted in, then out of the set. */
	private Mono<Void> postUnliked(EventData data, String eventId) {
		String postId = data.text("postId");
		String memberId = data.text("memberId");
		data.instant("at");
		return this.likes.likedAt(postId, memberId)
			.flatMap((likedAt) -> this.rankings.record(Kind.LIKES, postId, likedAt, -1, eventId, this.clock.instant()))
			.then(this.posts.change(postId, "likeCount", -1, eventId))
			.then(this.likes.unlike(postId, memberId));
	}

}
