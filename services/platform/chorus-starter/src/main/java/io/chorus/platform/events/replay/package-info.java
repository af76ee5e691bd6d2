/** Operator tools: replay dead letters and rewind one consumer group to a timestamp. */
@org.jspecify.annotations.NullMarked
package io.chorus.platform.events.replay;
