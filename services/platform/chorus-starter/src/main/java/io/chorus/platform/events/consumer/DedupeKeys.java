package io.chorus.platform.events.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.chorus.platform.events.EventIds;

/** Key layout and the "forget since" rule shared by the deduplicators. */
final class DedupeKeys {

	/**
	 * Event ids are minted a few milliseconds before the event time that rewinding compares with
	 * (and on another replica's clock): forget a little earlier than asked so none is missed.
	 */
	static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);

	private DedupeKeys() {
	}

	/** {@code dedupe:{group}:{eventId}}, under the service's key prefix. */
	static String key(String prefix, String group, String eventId) {
		return prefix + "dedupe:" + group + ":" + eventId;
	}

	static String groupPattern(String prefix, String group) {
		return prefix + "dedupe:" + group + ":*";
	}

	/** True when the id is from {@code since} on, or is not a UUIDv7 (then forgetting is the safe side). */
	static boolean mintedSince(String eventId, Instant since) {
		try {
			return !EventIds.timestamp(UUID.fromString(eventId)).isBefore(since.minus(CLOCK_MARGIN));
		}
		catch (IllegalArgumentException ex) {
			return true;
		}
	}

}
