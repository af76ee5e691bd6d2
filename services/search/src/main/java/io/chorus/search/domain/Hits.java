package io.chorus.search.domain;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** The items search and autocomplete answer with, one shape per kind (ids are strings). */
public final class Hits {

	private Hits() {
	}

	public record PostHit(String id, String authorId, String text, @Nullable String trackId, List<String> imageIds,
			Instant createdAt, @Nullable Instant updatedAt) {
	}

	public record ArtistHit(String id, String ownerId, String name, @Nullable String bio, @Nullable String imageId,
			Instant createdAt) {
	}

	public record TrackHit(String id, String trackId, String artistId, String artistName, String title,
			long durationMs, @Nullable String coverImageId, Instant createdAt) {
	}

}
