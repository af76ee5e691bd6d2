/**
 * Trace assertions in tests: {@link io.chorus.testkit.tracing.InMemorySpans}.
 */
@NullMarked
package io.chorus.testkit.tracing;

import org.jspecify.annotations.NullMarked;
