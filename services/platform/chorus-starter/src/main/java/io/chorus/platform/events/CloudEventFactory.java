package io.chorus.platform.events;

import java.time.Clock;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Builds this service's events: fresh UUIDv7 id, the configured {@code source}, the current
 * time, and {@code data} converted with the application's Jackson mapper.
 */
public final class CloudEventFactory {

	private final String source;

	private final EventIds ids;

	private final Clock clock;

	private final ObjectMapper mapper;

	public CloudEventFactory(String source, EventIds ids, Clock clock, ObjectMapper mapper) {
		this.source = source;
		this.ids = ids;
		this.clock = clock;
		this.mapper = mapper;
	}

	/**
	 * @param type e.g. {@code CloudEvent.type("content", "post", "created")}
	 * @param subject the aggregate id (also the Kafka key)
	 * @param data a record or any value Jackson can serialize
	 */
	public CloudEvent create(String type, String subject, Object data) {
		JsonNode tree = (data instanceof JsonNode node) ? node : this.mapper.valueToTree(data);
		return CloudEvent.of(this.ids.nextId(), type, this.source, subject, this.clock.instant(), tree);
	}

	public String source() {
		return this.source;
	}

}
