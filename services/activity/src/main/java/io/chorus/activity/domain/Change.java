package io.chorus.activity.domain;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One idempotent write derived from an event. Every keyed write carries a {@code version}
 * ({@link Versions#of}): a write only lands if the stored version is older, so redelivery, a
 * dead-letter replay or a rewind can never duplicate an entry nor resurrect one that a later
 * event removed.
 */
public sealed interface Change {

	/** Where an entry lives: notifications are per recipient, activities per actor. */
	enum Collection {

		NOTIFICATIONS, ACTIVITIES

	}

	/** Adds (or re-activates) the entry {@code entry.key()}. */
	record Put(Collection collection, Entry entry) implements Change {
	}

	/** Marks the entry {@code key} removed (a tombstone when it was never seen). */
	record Remove(Collection collection, String key, Instant at, String version) implements Change {
	}

	/** Marks every live entry referring to {@code field = value} removed (post or comment deleted). */
	record RemoveReferring(String field, String value) implements Change {
	}

	/** Keeps this service's copy of who follows whom. */
	record Follow(String followerId, String followeeId, boolean active, Instant at, String version)
			implements Change {

		public String key() {
			return Keys.follow(this.followerId, this.followeeId);
		}

	}

	/** Keeps a member's handle and display name for rendering actors. */
	record Member(String memberId, String handle, @Nullable String displayName, String version) implements Change {
	}

	/** A deactivated member: marked, and everything they did is hidden. */
	record MemberDeactivated(String memberId, String version) implements Change {
	}

}
