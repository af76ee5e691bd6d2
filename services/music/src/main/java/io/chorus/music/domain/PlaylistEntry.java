package io.chorus.music.domain;

import java.time.Instant;

/** One slot of a playlist; the same track may fill several. */
public record PlaylistEntry(String id, int position, String trackId, Instant addedAt) {
}
