/**
 * Real infrastructure for Chorus integration tests without Docker: annotate a test class with
 * {@link io.chorus.testkit.ChorusInfrastructure}, or take a {@link io.chorus.testkit.TestNamespace}
 * parameter. {@link io.chorus.testkit.TestInfrastructure} holds the JVM-wide servers.
 */
@org.jspecify.annotations.NullMarked
package io.chorus.testkit;
