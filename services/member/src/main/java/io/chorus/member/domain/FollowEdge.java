package io.chorus.member.domain;

import java.time.Instant;

import io.chorus.platform.web.KeysetCursor;

/** One member in a followers/followings list and when the follow happened (the paging key). */
public record FollowEdge(MemberSummary member, Instant followedAt) {

	public KeysetCursor cursor() {
		return new KeysetCursor(this.followedAt, this.member.id());
	}

}
