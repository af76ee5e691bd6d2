package io.chorus.chat.live;

/**
 * Redis key families of chat, all under {@code chorus.redis.key-prefix}:
 * <ul>
 * <li>{@code chat:ticket:{ticket}} — string, the member id; 30 s; redeemed once with GETDEL</li>
 * <li>{@code chat:room:{roomId}} — pub/sub channel of a room (messages and presence)</li>
 * <li>{@code chat:recent:{roomId}} — sorted set of the room's last message frames scored by seq</li>
 * <li>{@code chat:presence:{roomId}} — sorted set of {@code memberId|podId} scored by expiry (epoch ms)</li>
 * </ul>
 */
final class Keys {

	private final String prefix;

	Keys(String prefix) {
		this.prefix = prefix;
	}

	String ticket(String ticket) {
		return this.prefix + "chat:ticket:" + ticket;
	}

	String channel(String roomId) {
		return this.prefix + "chat:room:" + roomId;
	}

	String recent(String roomId) {
		return this.prefix + "chat:recent:" + roomId;
	}

	String presence(String roomId) {
		return this.prefix + "chat:presence:" + roomId;
	}

	String channelPrefix() {
		return this.prefix + "chat:room:";
	}

}
