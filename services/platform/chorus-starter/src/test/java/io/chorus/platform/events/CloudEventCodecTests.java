package io.chorus.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CloudEventCodecTests {

	private final CloudEventCodec codec = new CloudEventCodec();

	private final JsonMapper json = JsonMapper.shared();

	private final CloudEvent event = CloudEvent.of("0190f1b4-6a2c-7c3d-8e4f-123456789abc",
			CloudEvent.type("content", "post", "created"), "/chorus/content", "post-42",
			Instant.parse("2026-11-22T10:15:30.123456Z"), this.json.readTree("{\"title\":\"Hi\",\"tags\":[\"a\",\"b\"]}"));

	@Test
	void roundTripKeepsEveryAttribute() {
		CloudEvent decoded = this.codec.decode(this.codec.encode(this.event));

		assertThat(decoded).isEqualTo(this.event);
		assertThat(decoded.time()).isEqualTo(Instant.parse("2026-11-22T10:15:30.123456Z"));
	}

	@Test
	void encodesStructuredModeJson() {
		JsonNode wire = this.json.readTree(this.codec.encode(this.event));

		assertThat(wire.get("specversion").stringValue()).isEqualTo("1.0");
		assertThat(wire.get("type").stringValue()).isEqualTo("chorus.content.post.created.v1");
		assertThat(wire.get("subject").stringValue()).isEqualTo("post-42");
		assertThat(wire.get("datacontenttype").stringValue()).isEqualTo("application/json");
		assertThat(wire.get("time").stringValue()).isEqualTo("2026-11-22T10:15:30.123456Z");
		assertThat(wire.get("data").get("tags").get(1).stringValue()).isEqualTo("b");
	}

	@Test
	void acceptsOffsetsAndIgnoresExtensionAttributes() {
		ObjectNode wire = (ObjectNode) this.json.readTree(this.codec.encode(this.event));
		wire.put("time", "2026-11-22T12:15:30.123456+02:00");
		wire.put("partitionkey", "an extension a newer producer added");

		CloudEvent decoded = this.codec.decode(this.json.writeValueAsBytes(wire));

		assertThat(decoded.time()).isEqualTo(this.event.time());
	}

	@ParameterizedTest
	@ValueSource(strings = { "specversion", "id", "type", "source", "subject", "time", "datacontenttype", "data" })
	void rejectsAMissingRequiredAttribute(String attribute) {
		ObjectNode wire = (ObjectNode) this.json.readTree(this.codec.encode(this.event));
		wire.remove(attribute);

		assertThatExceptionOfType(InvalidEventException.class)
			.isThrownBy(() -> this.codec.decode(this.json.writeValueAsBytes(wire)))
			.withMessageContaining(attribute);
	}

	@Test
	void rejectsWrongValues() {
		assertInvalid("specversion", "0.3", "specversion");
		assertInvalid("type", "PostCreated", "type must look like");
		assertInvalid("type", "chorus.content.post.created", "type must look like");
		assertInvalid("datacontenttype", "text/plain", "datacontenttype");
		assertInvalid("time", "yesterday", "RFC 3339");
		assertInvalid("subject", "  ", "subject");
	}

	@Test
	void rejectsNonStringAttributes() {
		ObjectNode wire = (ObjectNode) this.json.readTree(this.codec.encode(this.event));
		wire.put("id", 42);

		assertThatExceptionOfType(InvalidEventException.class)
			.isThrownBy(() -> this.codec.decode(this.json.writeValueAsBytes(wire)))
			.withMessage("id must be a string");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "not json", "{\"id\":", "[1,2]", "\"text\"", "{} {}", "{\"a\":1,\"a\":2}" })
	void rejectsBytesThatAreNotOneJsonObject(String input) {
		assertThatExceptionOfType(InvalidEventException.class)
			.isThrownBy(() -> this.codec.decode(input.getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void rejectsNullAndBinaryData() {
		assertThatExceptionOfType(InvalidEventException.class).isThrownBy(() -> this.codec.decode(null))
			.withMessageContaining("empty");
		ObjectNode wire = (ObjectNode) this.json.readTree(this.codec.encode(this.event));
		wire.remove("data");
		wire.put("data_base64", "AAEC");
		assertThatExceptionOfType(InvalidEventException.class)
			.isThrownBy(() -> this.codec.decode(this.json.writeValueAsBytes(wire)))
			.withMessageContaining("data_base64");
	}

	@Test
	void eventsCannotBeBuiltInvalid() {
		assertThatExceptionOfType(InvalidEventException.class)
			.isThrownBy(() -> CloudEvent.type("Content", "post", "created"));
		assertThatExceptionOfType(InvalidEventException.class).isThrownBy(() -> CloudEvent.of("id",
				"chorus.content.post.created.v1", "/chorus/content", "", Instant.now(), this.event.data()));
		assertThat(CloudEvent.type("music", "track", "played", 2)).isEqualTo("chorus.music.track.played.v2");
	}

	private void assertInvalid(String attribute, String value, String message) {
		ObjectNode wire = (ObjectNode) this.json.readTree(this.codec.encode(this.event));
		wire.put(attribute, value);
		assertThatExceptionOfType(InvalidEventException.class)
			.isThrownBy(() -> this.codec.decode(this.json.writeValueAsBytes(wire)))
			.withMessageContaining(message);
	}

}
