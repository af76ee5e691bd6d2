/**
 * Defaults every service inherits (probes, management port, structured logs, tracing) and trace-id lookup.
 */
@NullMarked
package io.chorus.platform.observability;

import org.jspecify.annotations.NullMarked;
