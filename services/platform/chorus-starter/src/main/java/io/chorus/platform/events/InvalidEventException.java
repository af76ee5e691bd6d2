package io.chorus.platform.events;

/**
 * Bytes or fields that are not a valid Chorus CloudEvent. Never retried: a consumer sends such a
 * record straight to its dead-letter topic.
 */
public class InvalidEventException extends IllegalArgumentException {

	public InvalidEventException(String message) {
		super(message);
	}

	public InvalidEventException(String message, Throwable cause) {
		super(message, cause);
	}

}
