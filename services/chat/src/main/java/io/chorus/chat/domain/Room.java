package io.chorus.chat.domain;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A room as the API shows it.
 * @param kind {@code direct} or {@code group}
 * @param seq the last sequence number handed out in the room (0 before the first message)
 */
public record Room(String id, String kind, @Nullable String name, List<String> memberIds, Instant createdAt,
		long seq, @Nullable Message lastMessage, Instant lastActivityAt) {

	public static final String DIRECT = "direct";

	public static final String GROUP = "group";

	/** Direct rooms have a deterministic id, so asking for the same pair twice finds the same room. */
	public static String directId(String a, String b) {
		return (a.compareTo(b) <= 0) ? "d:" + a + ":" + b : "d:" + b + ":" + a;
	}

	public boolean isMember(String memberId) {
		return this.memberIds.contains(memberId);
	}

}
