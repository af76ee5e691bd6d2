package io.chorus.member.domain;

import java.time.Instant;

/** One member in a followers/followings list and when the follow happened (the paging key). */
public record FollowEdge(MemberSummary member, Instant followedAt) {

	public Cursor cursor() {
		return new Cursor(this.followedAt, this.member.id());
	}

}
