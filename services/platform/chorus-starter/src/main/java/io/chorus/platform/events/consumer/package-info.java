/** Idempotent, ordered, retrying Kafka consumers with dead-letter topics. */
@org.jspecify.annotations.NullMarked
package io.chorus.platform.events.consumer;
