@org.jspecify.annotations.NullMarked
package io.chorus.chat.events;
