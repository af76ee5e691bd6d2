@org.jspecify.annotations.NullMarked
package io.chorus.timeline.api;
