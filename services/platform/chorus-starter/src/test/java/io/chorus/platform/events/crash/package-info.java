/** A service process killed mid-stream (SIGKILL) and started again. */
@NullMarked
package io.chorus.platform.events.crash;

import org.jspecify.annotations.NullMarked;
