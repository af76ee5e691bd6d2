package io.chorus.activity.domain;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A notification (owner = recipient) or an activity (owner = actor).
 * @param key natural key, the Mongo {@code _id} (see {@link Keys})
 * @param ownerId recipient of a notification; the actor of an activity
 * @param kind a {@link NotificationKind} or {@link ActivityKind} name
 * @param roomId the chat room of a {@code CHAT_MESSAGE} notification
 * @param text short excerpt (post or comment text, track title), at most {@link #MAX_TEXT} characters
 * @param at when it happened (event time); the page order
 * @param version see {@link Versions}
 */
public record Entry(String key, String ownerId, String kind, String actorId, @Nullable String postId,
		@Nullable String commentId, @Nullable String trackId, @Nullable String artistId,
		@Nullable String targetMemberId, @Nullable String roomId, @Nullable String text, Instant at,
		String version) {

	public static final int MAX_TEXT = 140;

	public Entry {
		if (text != null && text.length() > MAX_TEXT) {
			int end = MAX_TEXT - 1;
			if (Character.isHighSurrogate(text.charAt(end - 1))) {
				end--;
			}
			text = text.substring(0, end) + "…";
		}
	}

}
