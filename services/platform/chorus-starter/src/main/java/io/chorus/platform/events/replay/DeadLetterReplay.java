package io.chorus.platform.events.replay;

/**
 * Outcome of replaying one dead-letter topic.
 * @param deadLetterTopic the topic read, {@code <topic>.<group>.dlq}
 * @param replayed records published back to their original topic by this run
 */
public record DeadLetterReplay(String deadLetterTopic, long replayed) {
}
