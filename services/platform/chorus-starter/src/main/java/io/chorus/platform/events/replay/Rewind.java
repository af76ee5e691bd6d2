package io.chorus.platform.events.replay;

import java.time.Instant;
import java.util.Map;

/**
 * Outcome of rewinding one consumer group on one topic.
 * @param offsets new committed offset per partition (the first record at or after {@code from},
 * or the end of the partition when there is none)
 * @param forgottenDedupeEntries dedupe entries removed so the re-read events are applied again;
 * -1 when no dedupe store was available (they will be skipped as duplicates)
 */
public record Rewind(String topic, String group, Instant from, Map<Integer, Long> offsets,
		long forgottenDedupeEntries) {
}
