package io.chorus.music.domain;

import java.time.Instant;

/** A member's ordered list of tracks; {@code entryCount} entries at positions 0..entryCount-1. */
public record Playlist(String id, String ownerId, String name, int entryCount, Instant createdAt,
		Instant updatedAt) {
}
