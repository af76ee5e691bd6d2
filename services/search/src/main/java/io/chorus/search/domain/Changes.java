package io.chorus.search.domain;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Index changes decoded from events. Posts carry the row {@code version}; artists and tracks have
 * none, so their changes are ordered by {@code (at, eventId)} (the change's own timestamp, then
 * the time-ordered UUIDv7 event id for ties). A change older than what is stored is dropped.
 */
public final class Changes {

	private Changes() {
	}

	/** Created or updated; {@code createdAt} is null for an update (the stored one is kept). */
	public record PostPut(String postId, String authorId, String text, @Nullable String trackId,
			List<String> imageIds, @Nullable Instant createdAt, Instant at, long version) {
	}

	public record PostDelete(String postId, Instant at, long version) {
	}

	public record ArtistPut(String artistId, @Nullable String ownerId, String name, @Nullable String bio,
			@Nullable String imageId, @Nullable Instant createdAt, Order order) {
	}

	/** {@code createdAt} is null for an update (the stored one is kept). */
	public record TrackPut(String trackId, String artistId, String artistName, String title, long durationMs, @Nullable String coverImageId, @Nullable Instant createdAt,
			Order order) {
	}

	public record Delete(String id, Order order) {
	}

	/** Order of changes to one artist or track. */
	public record Order(Instant at, String eventId) {
	}

}
