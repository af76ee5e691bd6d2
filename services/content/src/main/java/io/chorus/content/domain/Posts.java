package io.chorus.content.domain;

import java.time.Clock;
import java.time.Instant;

import io.chorus.content.events.ContentEvents;
import io.chorus.content.store.PostStore;
import io.chorus.platform.events.EventIds;
import reactor.core.publisher.Mono;

/**
 * Creating, editing and soft-deleting posts, and the post like set. Each change is one short
 * transaction that writes the rows and the event together; changes to an existing post lock its
 * row first.
 */
public final class Posts {

	private final PostStore posts;

	private final ContentEvents events;

	private final Transactions tx;

	private final EventIds ids;

	private final Clock clock;

	public Posts(PostStore posts, ContentEvents events, Transactions tx, EventIds ids, Clock clock) {
		this.posts = posts;
		this.events = events;
		this.tx = tx;
		this.ids = ids;
		this.clock = clock;
	}

	public Mono<Post> create(String authorId, PostDraft draft) {
		return this.tx.run(() -> {
			Instant now = now();
			Post post = new Post(this.ids.nextId(), authorId, draft.text(), draft.trackId(), draft.imageIds(), 0, 0, 1,
					now, now, null);
			return this.posts.insert(post).then(this.events.postCreated(post)).thenReturn(post);
		});
	}

	/** Replaces text, trackId and imageIds (absent = cleared); author only. */
	public Mono<Post> update(String memberId, String postId, PostDraft draft) {
		return this.tx.run(() -> lockOwn(memberId, postId).flatMap((post) -> {
			Instant now = now();
			Post updated = new Post(post.id(), post.authorId(), draft.text(), draft.trackId(), draft.imageIds(),
					post.likeCount(), post.commentCount(), post.version() + 1, post.createdAt(), now, null);
			return this.posts.update(postId, draft.text(), draft.trackId(), draft.imageIds(), now)
				.then(this.events.postUpdated(updated))
				.thenReturn(updated);
		}));
	}

	/** Soft delete; author only. A deleted post is gone for every later write (404). */
	public Mono<Void> delete(String memberId, String postId) {
		return this.tx.run(() -> lockOwn(memberId, postId).flatMap((post) -> {
			Instant now = now();
			Post deleted = new Post(post.id(), post.authorId(), post.text(), post.trackId(), post.imageIds(),
					post.likeCount(), post.commentCount(), post.version() + 1, post.createdAt(), now, now);
			return this.posts.softDelete(postId, now).then(this.events.postDeleted(deleted, now));
		}));
	}

	/** Likes the post; a repeat writes nothing and emits nothing. */
	public Mono<Void> like(String memberId, String postId) {
		return this.tx.run(() -> lockLive(postId).flatMap((post) -> {
			Instant now = now();
			return this.posts.like(postId, memberId, now)
				.flatMap((added) -> added ? this.events.postLiked(post, memberId, now) : Mono.empty());
		}));
	}

	/** Takes the like back; a repeat writes nothing and emits nothing. */
	public Mono<Void> unlike(String memberId, String postId) {
		return this.tx.run(() -> lockLive(postId).flatMap((post) -> {
			Instant now = now();
			return this.posts.unlike(postId, memberId)
				.flatMap((removed) -> removed ? this.events.postUnliked(post, memberId, now) : Mono.empty());
		}));
	}

	/** Locks a live post (404 when missing or deleted); call inside a transaction. */
	Mono<Post> lockLive(String postId) {
		if (!ContentRules.isContentId(postId)) {
			return Mono.error(ContentProblems.postNotFound(postId));
		}
		return this.posts.lock(postId)
			.filter((post) -> !post.deleted())
			.switchIfEmpty(Mono.error(() -> ContentProblems.postNotFound(postId)));
	}

	private Mono<Post> lockOwn(String memberId, String postId) {
		return lockLive(postId).flatMap((post) -> post.authorId().equals(memberId) ? Mono.just(post)
				: Mono.error(ContentProblems.notAuthor("post")));
	}

	private Instant now() {
		return this.clock.instant();
	}

}
