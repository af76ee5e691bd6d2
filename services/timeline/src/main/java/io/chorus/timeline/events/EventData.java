package io.chorus.timeline.events;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.chorus.platform.events.consumer.EventRejectedException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Typed reads of an event's {@code data}; a missing or ill-typed required field rejects the event. */
final class EventData {

	private final String type;

	private final JsonNode data;

	EventData(String type, JsonNode data) {
		this.type = type;
		this.data = data;
	}

	String text(String field) {
		JsonNode node = this.data.path(field);
		if (!node.isString() || node.asString().isBlank()) {
			throw reject(field + " must be a non-blank string");
		}
		return node.asString();
	}

	@Nullable String optionalText(String field) {
		JsonNode node = this.data.path(field);
		if (node.isMissingNode() || node.isNull()) {
			return null;
		}
		if (!node.isString()) {
			throw reject(field + " must be a string");
		}
		return node.asString();
	}

	long number(String field) {
		JsonNode node = this.data.path(field);
		if (!node.isIntegralNumber()) {
			throw reject(field + " must be a whole number");
		}
		return node.asLong();
	}

	Instant instant(String field) {
		try {
			return Instant.parse(text(field));
		}
		catch (DateTimeParseException ex) {
			throw reject(field + " must be an ISO-8601 instant");
		}
	}

	List<String> texts(String field) {
		JsonNode node = this.data.path(field);
		if (node.isMissingNode() || node.isNull()) {
			return List.of();
		}
		if (!node.isArray()) {
			throw reject(field + " must be an array of strings");
		}
		List<String> out = new ArrayList<>();
		for (JsonNode item : node) {
			if (!item.isString()) {
				throw reject(field + " must be an array of strings");
			}
			out.add(item.asString());
		}
		return out;
	}

	private EventRejectedException reject(String reason) {
		return new EventRejectedException(this.type + ": " + reason);
	}

}
