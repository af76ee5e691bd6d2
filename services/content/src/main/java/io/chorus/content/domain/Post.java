package io.chorus.content.domain;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** A post row. {@code version} counts changes of the post itself (1 on creation). */
public record Post(String id, String authorId, String text, @Nullable String trackId, List<String> imageIds,
		long likeCount, long commentCount, long version, Instant createdAt, Instant updatedAt,
		@Nullable Instant deletedAt) {

	public Post {
		imageIds = List.copyOf(imageIds);
	}

	public boolean deleted() {
		return this.deletedAt != null;
	}

}
