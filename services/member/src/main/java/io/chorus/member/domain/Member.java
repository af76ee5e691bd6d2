package io.chorus.member.domain;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** An account with its profile, as stored. */
public record Member(String id, String email, String handle, String displayName, @Nullable String bio,
		@Nullable String avatarUrl, String passwordHash, List<String> roles, Status status, long followerCount,
		long followingCount, Instant createdAt) {

	public Member {
		roles = List.copyOf(roles);
	}

	public boolean active() {
		return this.status == Status.ACTIVE;
	}

	public MemberSummary summary() {
		return new MemberSummary(this.id, this.handle, this.displayName, this.avatarUrl);
	}

	public enum Status {

		ACTIVE, DEACTIVATED

	}

}
