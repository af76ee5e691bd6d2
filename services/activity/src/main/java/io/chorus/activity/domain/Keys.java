package io.chorus.activity.domain;

/**
 * Natural keys of entries. One fact has one key, so the same fact arriving twice (redelivery,
 * replay, rewind) writes the same document, and its reverse (unlike, unfollow, delete) finds it.
 */
public final class Keys {

	private Keys() {
	}

	public static String follow(String followerId, String followeeId) {
		return "follow:" + followerId + ":" + followeeId;
	}

	public static String post(String postId) {
		return "post:" + postId;
	}

	/** A comment as an activity, and the "commented on your post" notification. */
	public static String comment(String commentId) {
		return "comment:" + commentId;
	}

	/** The "replied to your comment" notification. */
	public static String reply(String commentId) {
		return "reply:" + commentId;
	}

	public static String postLike(String postId, String memberId) {
		return "postlike:" + postId + ":" + memberId;
	}

	public static String commentLike(String commentId, String memberId) {
		return "commentlike:" + commentId + ":" + memberId;
	}

	public static String track(String trackId) {
		return "track:" + trackId;
	}

	/** One recipient's notification of one chat message. */
	public static String chatMessage(String messageId, String recipientId) {
		return "chatmsg:" + messageId + ":" + recipientId;
	}

	public static String artist(String artistId) {
		return "artist:" + artistId;
	}

}
