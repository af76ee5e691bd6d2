/** Chorus testkit. */
@org.jspecify.annotations.NullMarked
package io.chorus.testkit;
