package io.chorus.platform.events.outbox;

import java.time.Instant;
import java.util.Map;

/** One unsent outbox row as the relay reads it. */
record OutboxRow(long seq, String eventId, String topic, String key, byte[] payload, Map<String, String> headers,
		Instant createdAt) {
}
