package io.chorus.activity.domain;

/** What a member is told about. */
public enum NotificationKind {

	/** Someone followed me. */
	FOLLOWED,
	/** Someone liked my post. */
	POST_LIKED,
	/** Someone commented on my post (top-level, or a reply to someone else's comment). */
	POST_COMMENTED,
	/** Someone replied to my comment. */
	COMMENT_REPLIED,
	/** Someone liked my comment. */
	COMMENT_LIKED,
	/** Someone wrote in a chat room of mine while I was not there (chat's offline recipients). */
	CHAT_MESSAGE

}
