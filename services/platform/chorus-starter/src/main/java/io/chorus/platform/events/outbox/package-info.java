/** Transactional outbox: events written in the caller's R2DBC transaction and relayed to Kafka in order. */
@org.jspecify.annotations.NullMarked
package io.chorus.platform.events.outbox;
