/** Event envelope (CloudEvents 1.0), its JSON codec, time-ordered ids and trace propagation. */
@org.jspecify.annotations.NullMarked
package io.chorus.platform.events;
