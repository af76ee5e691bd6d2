package io.chorus.timeline.events;

import io.chorus.platform.events.CloudEvent;
import io.chorus.timeline.store.AuthorSummary;
import io.chorus.timeline.store.CommentStore;
import io.chorus.timeline.store.FollowStore;
import io.chorus.timeline.store.HomeFeeds;
import io.chorus.timeline.store.MemberStore;
import io.chorus.timeline.store.PostStore;
import reactor.core.publisher.Mono;

/**
 * Applies {@code member.events}: profiles (copied onto the member's posts and comments with one
 * update each), the follow graph with follower counts, home-feed backfill on follow and cleanup on
 * unfollow, deactivation.
 */
public class MemberProjection {

	static final String REGISTERED = CloudEvent.type("member", "member", "registered");

	static final String PROFILE_UPDATED = CloudEvent.type("member", "member", "profile-updated");

	static final String FOLLOWED = CloudEvent.type("member", "member", "followed");

	static final String UNFOLLOWED = CloudEvent.type("member", "member", "unfollowed");

	static final String DEACTIVATED = CloudEvent.type("member", "member", "deactivated");

	private final MemberStore members;

	private final FollowStore follows;

	private final PostStore posts;

	private final CommentStore comments;

	private final HomeFeeds feeds;

	private final int backfill;

	private final int homeCap;

	public MemberProjection(MemberStore members, FollowStore follows, PostStore posts, CommentStore comments,
			HomeFeeds feeds, int backfill, int homeCap) {
		this.members = members;
		this.follows = follows;
		this.posts = posts;
		this.comments = comments;
		this.feeds = feeds;
		this.backfill = backfill;
		this.homeCap = homeCap;
	}

	public Mono<Void> apply(CloudEvent event) {
		return Mono.defer(() -> {
			EventData data = new EventData(event.type(), event.data());
			String type = event.type();
			if (REGISTERED.equals(type) || PROFILE_UPDATED.equals(type)) {
				return profile(data, REGISTERED.equals(type));
			}
			if (FOLLOWED.equals(type)) {
				return followed(data.text("followerId"), data.text("followeeId"), data, event.id());
			}
			if (UNFOLLOWED.equals(type)) {
				return unfollowed(data.text("followerId"), data.text("followeeId"), event.id());
			}
			if (DEACTIVATED.equals(type)) {
				return deactivated(data.text("memberId"), event.id());
			}
			return Mono.empty();
		});
	}

	private Mono<Void> profile(EventData data, boolean registered) {
		String memberId = data.text("memberId");
		String handle = data.text("handle");
		String displayName = data.text("displayName");
		String avatarUrl = registered ? null : data.optionalText("avatarUrl");
		return this.members.applyProfile(memberId, handle, displayName, avatarUrl, registered)
			.flatMap((AuthorSummary author) -> this.posts.setAuthorEverywhere(author)
				.then(this.comments.setAuthorEverywhere(author)))
			.then();
	}

	/**
	 * Edge, count, then the followee's read-time flag re-read after the edge exists (see
	 * ContentProjection), then the followee's recent fanned-out posts into the follower's feed.
	 */
	private Mono<Void> followed(String followerId, String followeeId, EventData data, String eventId) {
		return this.follows.add(followerId, followeeId, data.instant("at"))
			.then(this.members.changeFollowerCount(followeeId, 1, eventId))
			.then(this.members.isPull(followeeId))
			.flatMap((pull) -> pull ? this.follows.markPull(followerId, followeeId) : Mono.empty())
			.then(Mono.defer(() -> (this.backfill == 0) ? Mono.empty()
					: this.posts.recentPushed(followeeId, this.backfill)
						.map(PostStore::position)
						.collectList()
						.flatMap((recent) -> this.feeds.add(followerId, recent))));
	}

	/** The read filter already hides the followee; this frees the feed slots. */
	private Mono<Void> unfollowed(String followerId, String followeeId, String eventId) {
		return this.follows.remove(followerId, followeeId)
			.then(this.members.changeFollowerCount(followeeId, -1, eventId))
			.then(this.posts.recentPushed(followeeId, this.homeCap)
				.map((post) -> post.getString("_id"))
				.collectList()
				.flatMap((ids) -> this.feeds.remove(followerId, ids)));
	}

	/** Member drops every edge of the member without per-edge events: so does this. */
	private Mono<Void> deactivated(String memberId, String eventId) {
		return this.follows.followees(memberId)
			.collectList()
			.flatMap((followees) -> this.members.changeFollowerCounts(followees, -1, eventId))
			.then(this.follows.removeAll(memberId))
			.then(this.members.deactivate(memberId))
			.then(this.posts.deactivateAuthor(memberId))
			.then(this.feeds.drop(memberId));
	}

}
