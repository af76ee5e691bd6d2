/** Process, port and temp-directory plumbing shared by the launchers; not an API for tests. */
@org.jspecify.annotations.NullMarked
package io.chorus.testkit.internal;
