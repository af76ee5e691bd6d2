package io.chorus.activity.events;

import java.util.ArrayList;
import java.util.List;

import io.chorus.activity.domain.ActivityKind;
import io.chorus.activity.domain.Change;
import io.chorus.activity.domain.Change.Collection;
import io.chorus.activity.domain.Entry;
import io.chorus.activity.domain.Keys;
import io.chorus.activity.domain.NotificationKind;
import io.chorus.activity.domain.Versions;
import io.chorus.platform.events.CloudEvent;
import io.chorus.platform.events.consumer.EventRejectedException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Turns one event of {@code docs/events.md} into the writes it causes. Pure: no I/O, so every rule
 * (who is notified, self-actions, removals) is unit-tested here.
 *
 * <p>Unknown types and {@code *.updated} / {@code track.played} events cause nothing. A known type
 * whose data lacks a required field is rejected ({@link EventRejectedException}: straight to the
 * dead-letter topic, no retries).
 */
public final class EventMapping {

	static final String MEMBER_REGISTERED = CloudEvent.type("member", "member", "registered");

	static final String MEMBER_PROFILE_UPDATED = CloudEvent.type("member", "member", "profile-updated");

	static final String MEMBER_FOLLOWED = CloudEvent.type("member", "member", "followed");

	static final String MEMBER_UNFOLLOWED = CloudEvent.type("member", "member", "unfollowed");

	static final String MEMBER_DEACTIVATED = CloudEvent.type("member", "member", "deactivated");

	static final String POST_CREATED = CloudEvent.type("content", "post", "created");

	static final String POST_DELETED = CloudEvent.type("content", "post", "deleted");

	static final String COMMENT_CREATED = CloudEvent.type("content", "comment", "created");

	static final String COMMENT_DELETED = CloudEvent.type("content", "comment", "deleted");

	static final String POST_LIKED = CloudEvent.type("content", "post", "liked");

	static final String POST_UNLIKED = CloudEvent.type("content", "post", "unliked");

	static final String COMMENT_LIKED = CloudEvent.type("content", "comment", "liked");

	static final String COMMENT_UNLIKED = CloudEvent.type("content", "comment", "unliked");

	static final String ARTIST_PUBLISHED = CloudEvent.type("music", "artist", "published");

	static final String ARTIST_DELETED = CloudEvent.type("music", "artist", "deleted");

	static final String TRACK_PUBLISHED = CloudEvent.type("music", "track", "published");

	static final String TRACK_DELETED = CloudEvent.type("music", "track", "deleted");

	static final String CHAT_MESSAGE_POSTED = CloudEvent.type("chat", "message", "posted");

	private EventMapping() {
	}

	public static List<Change> map(CloudEvent event) {
		Data data = new Data(event);
		String type = event.type();
		if (type.equals(MEMBER_REGISTERED) || type.equals(MEMBER_PROFILE_UPDATED)) {
			return List.of(new Change.Member(data.text("memberId"), data.text("handle"), data.optional("displayName"),
					data.version()));
		}
		if (type.equals(MEMBER_DEACTIVATED)) {
			return List.of(new Change.MemberDeactivated(data.text("memberId"), data.version()));
		}
		if (type.equals(MEMBER_FOLLOWED)) {
			return followed(data);
		}
		if (type.equals(MEMBER_UNFOLLOWED)) {
			String follower = data.text("followerId");
			String followee = data.text("followeeId");
			String key = Keys.follow(follower, followee);
			return List.of(new Change.Follow(follower, followee, false, event.time(), data.version()),
					data.remove(Collection.ACTIVITIES, key), data.remove(Collection.NOTIFICATIONS, key));
		}
		if (type.equals(POST_CREATED)) {
			String postId = data.text("postId");
			return List.of(new Change.Put(Collection.ACTIVITIES, data.entry(Keys.post(postId), data.text("authorId"),
					ActivityKind.POSTED.name(), data.text("authorId"), postId, null, data.optional("trackId"), null, null,
					data.optional("text"))));
		}
		if (type.equals(POST_DELETED)) {
			String postId = data.text("postId");
			return List.of(data.remove(Collection.ACTIVITIES, Keys.post(postId)),
					new Change.RemoveReferring("postId", postId));
		}
		if (type.equals(COMMENT_CREATED)) {
			return commentCreated(data);
		}
		if (type.equals(COMMENT_DELETED)) {
			String commentId = data.text("commentId");
			return List.of(data.remove(Collection.ACTIVITIES, Keys.comment(commentId)),
					data.remove(Collection.NOTIFICATIONS, Keys.comment(commentId)),
					data.remove(Collection.NOTIFICATIONS, Keys.reply(commentId)),
					new Change.RemoveReferring("commentId", commentId));
		}
		if (type.equals(POST_LIKED) || type.equals(POST_UNLIKED)) {
			String postId = data.text("postId");
			String liker = data.text("memberId");
			String owner = data.text("postAuthorId");
			String key = Keys.postLike(postId, liker);
			if (type.equals(POST_UNLIKED)) {
				return List.of(data.remove(Collection.ACTIVITIES, key), data.remove(Collection.NOTIFICATIONS, key));
			}
			List<Change> changes = new ArrayList<>();
			changes.add(new Change.Put(Collection.ACTIVITIES, data.entry(key, liker, ActivityKind.POST_LIKED.name(),
					liker, postId, null, null, null, owner, null)));
			notify(changes, data.entry(key, owner, NotificationKind.POST_LIKED.name(), liker, postId, null, null, null,
					null, null));
			return changes;
		}
		if (type.equals(COMMENT_LIKED) || type.equals(COMMENT_UNLIKED)) {
			String commentId = data.text("commentId");
			String postId = data.text("postId");
			String liker = data.text("memberId");
			String owner = data.text("commentAuthorId");
			String key = Keys.commentLike(commentId, liker);
			if (type.equals(COMMENT_UNLIKED)) {
				return List.of(data.remove(Collection.ACTIVITIES, key), data.remove(Collection.NOTIFICATIONS, key));
			}
			List<Change> changes = new ArrayList<>();
			changes.add(new Change.Put(Collection.ACTIVITIES, data.entry(key, liker, ActivityKind.COMMENT_LIKED.name(),
					liker, postId, commentId, null, null, owner, null)));
			notify(changes, data.entry(key, owner, NotificationKind.COMMENT_LIKED.name(), liker, postId, commentId, null,
					null, null, null));
			return changes;
		}
		if (type.equals(TRACK_PUBLISHED)) {
			String trackId = data.text("trackId");
			String owner = data.text("ownerId");
			return List.of(new Change.Put(Collection.ACTIVITIES, data.entry(Keys.track(trackId), owner,
					ActivityKind.TRACK_PUBLISHED.name(), owner, null, null, trackId, data.text("artistId"), null,
					data.text("title"))));
		}
		if (type.equals(TRACK_DELETED)) {
			return List.of(data.remove(Collection.ACTIVITIES, Keys.track(data.text("trackId"))));
		}
		if (type.equals(ARTIST_PUBLISHED)) {
			String artistId = data.text("artistId");
			String owner = data.text("ownerId");
			return List.of(new Change.Put(Collection.ACTIVITIES, data.entry(Keys.artist(artistId), owner,
					ActivityKind.ARTIST_PUBLISHED.name(), owner, null, null, null, artistId, null, data.text("name"))));
		}
		if (type.equals(CHAT_MESSAGE_POSTED)) {
			return chatMessagePosted(data);
		}
		if (type.equals(ARTIST_DELETED)) {
			return List.of(data.remove(Collection.ACTIVITIES, Keys.artist(data.text("artistId"))));
		}
		return List.of();
	}

	private static List<Change> followed(Data data) {
		String follower = data.text("followerId");
		String followee = data.text("followeeId");
		String key = Keys.follow(follower, followee);
		List<Change> changes = new ArrayList<>();
		changes.add(new Change.Follow(follower, followee, true, data.event.time(), data.version()));
		changes.add(new Change.Put(Collection.ACTIVITIES, data.entry(key, follower, ActivityKind.FOLLOWED.name(),
				follower, null, null, null, null, followee, null)));
		notify(changes, data.entry(key, followee, NotificationKind.FOLLOWED.name(), follower, null, null, null, null,
				null, null));
		return changes;
	}

	/**
	 * A comment notifies the post's author ({@code POST_COMMENTED}) and, for a reply, the parent
	 * comment's author ({@code COMMENT_REPLIED}); when both are the same member only the reply is
	 * notified. Nobody is notified of their own comment.
	 */
	private static List<Change> commentCreated(Data data) {
		String commentId = data.text("commentId");
		String postId = data.text("postId");
		String author = data.text("authorId");
		String postAuthor = data.text("postAuthorId");
		String parentId = data.optional("parentId");
		String parentAuthor = (parentId != null) ? data.optional("parentAuthorId") : null;
		String text = data.optional("text");
		List<Change> changes = new ArrayList<>();
		changes.add(new Change.Put(Collection.ACTIVITIES, data.entry(Keys.comment(commentId), author,
				ActivityKind.COMMENTED.name(), author, postId, commentId, null, null, postAuthor, text)));
		if (parentAuthor != null) {
			notify(changes, data.entry(Keys.reply(commentId), parentAuthor, NotificationKind.COMMENT_REPLIED.name(),
					author, postId, commentId, null, null, null, text));
		}
		if (!postAuthor.equals(parentAuthor)) {
			notify(changes, data.entry(Keys.comment(commentId), postAuthor, NotificationKind.POST_COMMENTED.name(),
					author, postId, commentId, null, null, null, text));
		}
		return changes;
	}

	/**
	 * Each offline recipient of a chat message gets a {@code CHAT_MESSAGE} notification (actor: the
	 * sender; text: the start of the body), keyed by message and recipient.
	 */
	private static List<Change> chatMessagePosted(Data data) {
		String messageId = data.text("messageId");
		String roomId = data.text("roomId");
		String sender = data.text("senderId");
		String body = data.optional("body");
		List<Change> changes = new ArrayList<>();
		for (String recipient : data.texts("offlineRecipients")) {
			notify(changes, new Entry(Keys.chatMessage(messageId, recipient), recipient,
					NotificationKind.CHAT_MESSAGE.name(), sender, null, null, null, null, null, roomId, body,
					data.event.time(), data.version()));
		}
		return changes;
	}

	/** Never tell members about their own actions. */
	private static void notify(List<Change> changes, Entry notification) {
		if (!notification.ownerId().equals(notification.actorId())) {
			changes.add(new Change.Put(Collection.NOTIFICATIONS, notification));
		}
	}

	/** The event's data with required/optional field access. */
	private static final class Data {

		private final CloudEvent event;

		private Data(CloudEvent event) {
			this.event = event;
			if (!event.data().isObject()) {
				throw new EventRejectedException(event.type() + " " + event.id() + ": data must be a JSON object");
			}
		}

		String text(String field) {
			JsonNode node = this.event.data().get(field);
			if (node == null || !node.isString() || node.asString().isBlank()) {
				throw new EventRejectedException(this.event.type() + " " + this.event.id() + ": data." + field
						+ " must be a non-blank string");
			}
			return node.asString();
		}

		@Nullable String optional(String field) {
			JsonNode node = this.event.data().get(field);
			if (node == null || node.isNull()) {
				return null;
			}
			if (!node.isString()) {
				throw new EventRejectedException(this.event.type() + " " + this.event.id() + ": data." + field
						+ " must be a string when present");
			}
			return node.asString().isBlank() ? null : node.asString();
		}

		List<String> texts(String field) {
			JsonNode node = this.event.data().get(field);
			if (node == null || !node.isArray()) {
				throw new EventRejectedException(this.event.type() + " " + this.event.id() + ": data." + field
						+ " must be an array of strings");
			}
			List<String> values = new ArrayList<>();
			for (JsonNode item : node) {
				if (!item.isString() || item.asString().isBlank()) {
					throw new EventRejectedException(this.event.type() + " " + this.event.id() + ": data." + field
							+ " must hold non-blank strings");
				}
				values.add(item.asString());
			}
			return values;
		}

		String version() {
			return Versions.of(this.event.time(), this.event.id());
		}

		Entry entry(String key, String owner, String kind, String actor, @Nullable String postId,
				@Nullable String commentId, @Nullable String trackId, @Nullable String artistId,
				@Nullable String targetMemberId, @Nullable String text) {
			return new Entry(key, owner, kind, actor, postId, commentId, trackId, artistId, targetMemberId, null, text,
					this.event.time(), version());
		}

		Change remove(Collection collection, String key) {
			return new Change.Remove(collection, key, this.event.time(), version());
		}

	}

}
