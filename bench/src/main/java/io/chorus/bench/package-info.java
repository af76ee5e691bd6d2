/** Chorus benchmarks: open-loop load generation, seeding, scenarios, reports. */
@NullMarked
package io.chorus.bench;

import org.jspecify.annotations.NullMarked;
