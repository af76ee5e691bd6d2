package io.chorus.platform.events;

import java.time.Instant;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * A CloudEvents 1.0 envelope as Chorus puts it on Kafka (structured mode, JSON).
 *
 * <p>Every instance is valid: the constructor rejects what {@link CloudEventCodec} would reject
 * on the wire, so an invalid event fails where it is built, not in a consumer days later. The
 * {@code data} tree is shared, not copied: treat it as immutable.
 *
 * @param specversion always {@value #SPEC_VERSION}
 * @param id unique, time-ordered (UUIDv7 from {@link EventIds})
 * @param type {@code chorus.<service>.<entity>.<verb>.v<n>}, see {@link #type(String, String, String)}
 * @param source URI reference of the producing service, e.g. {@code /chorus/content}
 * @param subject the aggregate id; also the Kafka record key, so one aggregate stays in order
 * @param time when the change happened
 * @param datacontenttype always {@value #JSON}
 * @param data the payload as a JSON tree
 */
public record CloudEvent(String specversion, String id, String type, String source, String subject,
		Instant time, String datacontenttype, JsonNode data) {

	public static final String SPEC_VERSION = "1.0";

	public static final String JSON = "application/json";

	/** {@code chorus.<service>.<entity>.<verb>.v<version>}, lower case words joined by dashes. */
	static final Pattern TYPE = Pattern
		.compile("chorus\\.[a-z][a-z0-9-]*\\.[a-z][a-z0-9-]*\\.[a-z][a-z0-9-]*\\.v[1-9][0-9]*");

	public CloudEvent {
		require(SPEC_VERSION.equals(specversion), "specversion must be \"1.0\"");
		require(id != null && !id.isBlank(), "id is required");
		require(type != null && TYPE.matcher(type).matches(),
				"type must look like chorus.<service>.<entity>.<verb>.v1, was " + type);
		require(source != null && !source.isBlank(), "source is required");
		require(subject != null && !subject.isBlank(), "subject (aggregate id) is required");
		require(time != null, "time is required");
		require(JSON.equals(datacontenttype), "datacontenttype must be application/json");
		require(data != null && !data.isMissingNode(), "data is required");
	}

	/** An event with the fixed attributes ({@code specversion}, {@code datacontenttype}) filled in. */
	public static CloudEvent of(String id, String type, String source, String subject, Instant time, JsonNode data) {
		return new CloudEvent(SPEC_VERSION, id, type, source, subject, time, JSON, data);
	}

	/** The Chorus type name, version 1: {@code type("content", "post", "created")}. */
	public static String type(String service, String entity, String verb) {
		return type(service, entity, verb, 1);
	}

	public static String type(String service, String entity, String verb, int version) {
		String type = "chorus." + service + "." + entity + "." + verb + ".v" + version;
		require(TYPE.matcher(type).matches(), "not a valid event type: " + type);
		return type;
	}

	private static void require(boolean condition, String reason) {
		if (!condition) {
			throw new InvalidEventException(reason);
		}
	}

}
