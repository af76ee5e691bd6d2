package io.chorus.content.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code chorus.content.*}.
 *
 * @param topic where content's events go; must be declared under {@code chorus.kafka.topics}
 * @param deadlockRetries how often a transaction that lost a deadlock / lock wait is re-run
 * @param deadlockBackoff first backoff before a re-run (exponential, jittered)
 */
@ConfigurationProperties("chorus.content")
public record ContentProperties(@DefaultValue("content.events") String topic,
		@DefaultValue("3") int deadlockRetries, @DefaultValue("20ms") Duration deadlockBackoff) {
}
