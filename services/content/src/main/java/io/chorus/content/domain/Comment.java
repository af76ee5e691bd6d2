package io.chorus.content.domain;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A comment row; a reply when {@code parentId} names a top-level comment of the same post. */
public record Comment(String id, String postId, @Nullable String parentId, String authorId, String text,
		long likeCount, long version, Instant createdAt, Instant updatedAt, @Nullable Instant deletedAt) {

	public boolean deleted() {
		return this.deletedAt != null;
	}

	public boolean isReply() {
		return this.parentId != null;
	}

}
