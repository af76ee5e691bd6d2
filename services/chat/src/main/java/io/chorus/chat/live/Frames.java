package io.chorus.chat.live;

import java.nio.charset.StandardCharsets;

import io.chorus.chat.domain.Message;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Server → client frames of the contract, encoded to UTF-8 JSON bytes. */
public final class Frames {

	private final JsonMapper mapper;

	public Frames(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/** {@code {"type":"message", …message}} — encoded once per message and shared by every recipient. */
	public byte[] message(Message m) {
		ObjectNode node = this.mapper.createObjectNode()
			.put("type", "message")
			.put("id", m.id())
			.put("roomId", m.roomId())
			.put("seq", m.seq())
			.put("senderId", m.senderId())
			.put("body", m.body())
			.put("clientMsgId", m.clientMsgId())
			.put("sentAt", m.sentAt().toString());
		return bytes(node);
	}

	public byte[] ack(Message m) {
		return bytes(this.mapper.createObjectNode()
			.put("type", "ack")
			.put("clientMsgId", m.clientMsgId())
			.put("roomId", m.roomId())
			.put("seq", m.seq())
			.put("id", m.id()));
	}

	public byte[] gap(String roomId, long fromSeq) {
		return bytes(this.mapper.createObjectNode().put("type", "gap").put("roomId", roomId).put("fromSeq", fromSeq));
	}

	public byte[] error(String code, String message, @Nullable String clientMsgId) {
		ObjectNode node = this.mapper.createObjectNode().put("type", "error").put("code", code).put("message", message);
		if (clientMsgId != null) {
			node.put("clientMsgId", clientMsgId);
		}
		return bytes(node);
	}

	public byte[] pong() {
		return "{\"type\":\"pong\"}".getBytes(StandardCharsets.UTF_8);
	}

	/** Also built in Lua by {@link Presence} (ids never need escaping, see {@code Limits.validId}). */
	public byte[] presence(String roomId, String memberId, boolean online) {
		return bytes(this.mapper.createObjectNode()
			.put("type", "presence")
			.put("roomId", roomId)
			.put("memberId", memberId)
			.put("online", online));
	}

	public JsonMapper mapper() {
		return this.mapper;
	}

	private byte[] bytes(ObjectNode node) {
		return this.mapper.writeValueAsBytes(node);
	}

}
