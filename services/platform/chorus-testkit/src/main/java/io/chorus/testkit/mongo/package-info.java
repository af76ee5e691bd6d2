/** Chorus testkit: mongo. */
@org.jspecify.annotations.NullMarked
package io.chorus.testkit.mongo;
