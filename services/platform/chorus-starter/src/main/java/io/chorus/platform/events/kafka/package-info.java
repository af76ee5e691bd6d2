/** Kafka plumbing shared by the outbox, the consumers and replay: client options, topic declarations, direct publishing. */
@org.jspecify.annotations.NullMarked
package io.chorus.platform.events.kafka;
