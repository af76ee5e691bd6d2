package io.chorus.platform.events;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * CloudEvents 1.0 structured-mode JSON ({@code application/cloudevents+json}) to and from bytes.
 *
 * <p>The envelope is written field by field with its own strict mapper rather than through the
 * application's {@code JsonMapper}, so the wire format cannot drift with a service's Jackson
 * settings. Unknown top-level attributes (CloudEvents extensions) are ignored on read, so adding
 * one later does not break older consumers. Thread-safe.
 */
public final class CloudEventCodec {

	/** Kafka {@code content-type} header value announcing structured mode. */
	public static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

	private final JsonMapper mapper = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	public byte[] encode(CloudEvent event) {
		ObjectNode json = this.mapper.createObjectNode();
		json.put("specversion", event.specversion());
		json.put("id", event.id());
		json.put("source", event.source());
		json.put("type", event.type());
		json.put("subject", event.subject());
		json.put("time", event.time().toString());
		json.put("datacontenttype", event.datacontenttype());
		json.set("data", event.data());
		return this.mapper.writeValueAsBytes(json);
	}

	/**
	 * Parses and validates one event.
	 * @throws InvalidEventException if the bytes are not JSON or a required attribute is missing,
	 * of the wrong type or invalid
	 */
	public CloudEvent decode(byte @Nullable [] bytes) {
		if (bytes == null || bytes.length == 0) {
			throw new InvalidEventException("empty record value: expected a CloudEvent JSON object");
		}
		JsonNode json;
		try {
			json = this.mapper.readTree(bytes);
		}
		catch (JacksonException ex) {
			throw new InvalidEventException("not valid JSON: " + ex.getOriginalMessage(), ex);
		}
		if (json == null || !json.isObject()) {
			throw new InvalidEventException("expected a CloudEvent JSON object");
		}
		if (json.has("data_base64")) {
			throw new InvalidEventException("data_base64 is not supported: Chorus events carry JSON data");
		}
		JsonNode data = json.get("data");
		if (data == null) {
			throw new InvalidEventException("data is required");
		}
		return new CloudEvent(text(json, "specversion"), text(json, "id"), text(json, "type"), text(json, "source"),
				text(json, "subject"), time(text(json, "time")), text(json, "datacontenttype"), data);
	}

	private static String text(JsonNode json, String name) {
		JsonNode node = json.get(name);
		if (node == null || node.isNull()) {
			throw new InvalidEventException(name + " is required");
		}
		if (!node.isString()) {
			throw new InvalidEventException(name + " must be a string");
		}
		return node.stringValue();
	}

	private static Instant time(String value) {
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new InvalidEventException("time must be an RFC 3339 timestamp, was " + value, ex);
		}
	}

}
