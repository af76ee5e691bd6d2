/** A test-controlled clock. */
@NullMarked
package io.chorus.testkit.time;

import org.jspecify.annotations.NullMarked;
