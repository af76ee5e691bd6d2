package io.chorus.music.domain;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** An artist page, owned by the member who created it. */
public record Artist(String id, String ownerId, String name, @Nullable String bio, @Nullable String imageId,
		Instant createdAt, Instant updatedAt) {
}
