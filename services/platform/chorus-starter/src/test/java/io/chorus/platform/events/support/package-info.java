/** Test helpers for the events integration tests. */
@org.jspecify.annotations.NullMarked
package io.chorus.platform.events.support;
