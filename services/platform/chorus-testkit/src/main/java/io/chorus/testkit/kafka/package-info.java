/** Chorus testkit: kafka. */
@org.jspecify.annotations.NullMarked
package io.chorus.testkit.kafka;
