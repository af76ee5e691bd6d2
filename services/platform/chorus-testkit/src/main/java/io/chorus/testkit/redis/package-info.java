/** Chorus testkit: redis. */
@org.jspecify.annotations.NullMarked
package io.chorus.testkit.redis;
