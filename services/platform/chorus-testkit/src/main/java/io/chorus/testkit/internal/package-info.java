/** Chorus testkit: internal. */
@org.jspecify.annotations.NullMarked
package io.chorus.testkit.internal;
