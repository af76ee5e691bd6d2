/** Chorus testkit: local. */
@org.jspecify.annotations.NullMarked
package io.chorus.testkit.local;
