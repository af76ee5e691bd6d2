package io.chorus.platform.events.consumer;

/**
 * Thrown (or signalled) by a handler for an event that can never be applied as it is, e.g. it
 * refers to a version of a schema this service does not know. Skips the remaining attempts and
 * goes straight to the dead-letter topic, from where it can be replayed after a fix.
 */
public class EventRejectedException extends RuntimeException {

	public EventRejectedException(String message) {
		super(message);
	}

	public EventRejectedException(String message, Throwable cause) {
		super(message, cause);
	}

}
