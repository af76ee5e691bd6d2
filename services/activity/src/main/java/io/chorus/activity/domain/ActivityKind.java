package io.chorus.activity.domain;

/** What the people I follow did. */
public enum ActivityKind {

	POSTED, COMMENTED, POST_LIKED, COMMENT_LIKED, FOLLOWED, TRACK_PUBLISHED, ARTIST_PUBLISHED

}
