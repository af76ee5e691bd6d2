package io.chorus.platform.events.consumer;

import java.time.Duration;
import java.util.List;

/** One consumer's resolved settings (see {@link EventConsumers.Builder}). */
record ConsumerSettings(List<String> topics, String group, EventHandler handler, int maxAttempts,
		Duration initialBackoff, Duration maxBackoff, Duration dedupeTtl) {
}
