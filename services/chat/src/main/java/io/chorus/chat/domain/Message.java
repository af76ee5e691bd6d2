package io.chorus.chat.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** A stored chat message, as the API and the {@code message} frame show it. */
public record Message(String id, String roomId, long seq, String senderId, String body, String clientMsgId,
		Instant sentAt) {

	/**
	 * The id follows from {@code (senderId, clientMsgId)}: a retried send maps to the same document, so
	 * the {@code _id} index itself makes sends idempotent (the unique {@code (senderId, clientMsgId)}
	 * index states the rule for readers of the collection).
	 */
	public static String idFor(String senderId, String clientMsgId) {
		return UUID.nameUUIDFromBytes((senderId + "\n" + clientMsgId).getBytes(StandardCharsets.UTF_8)).toString();
	}

}
