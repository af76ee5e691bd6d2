/** Chorus testkit: spring. */
@org.jspecify.annotations.NullMarked
package io.chorus.testkit.spring;
