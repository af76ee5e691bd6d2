package io.chorus.activity.domain;

import java.time.Instant;

/**
 * Versions order the writes to one key: {@code <event time, 13-digit epoch millis>:<event id>}.
 * They compare as strings; event ids are UUIDv7 (time-ordered), which breaks ties within one
 * millisecond. Re-applying an event gives the same version, so the write is a no-op.
 */
public final class Versions {

	private Versions() {
	}

	public static String of(Instant time, String eventId) {
		return String.format("%013d:%s", Math.max(0, time.toEpochMilli()), eventId);
	}

}
