/**
 * Graceful shutdown: readiness DOWN, drain delay, then the lifecycle phases.
 */
@NullMarked
package io.chorus.platform.shutdown;

import org.jspecify.annotations.NullMarked;
