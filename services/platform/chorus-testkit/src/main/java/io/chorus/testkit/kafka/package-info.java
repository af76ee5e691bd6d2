/** A single-node KRaft Kafka broker inside the JVM that can be stopped and restarted on the same port. */
@org.jspecify.annotations.NullMarked
package io.chorus.testkit.kafka;
