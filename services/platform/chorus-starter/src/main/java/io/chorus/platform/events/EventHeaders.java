package io.chorus.platform.events;

/** Kafka record header names Chorus sets on every event record. */
public final class EventHeaders {

	/** W3C trace context of the work that produced the event. */
	public static final String TRACEPARENT = "traceparent";

	/** CloudEvents Kafka binding: structured mode is announced with this header. */
	public static final String CONTENT_TYPE = "content-type";

	private EventHeaders() {
	}

}
