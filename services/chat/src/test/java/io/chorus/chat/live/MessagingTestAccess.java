package io.chorus.chat.live;

import java.util.List;
import java.util.Set;

import io.chorus.chat.domain.Room;

/** Opens {@link Messaging#offline} to tests in other packages. */
public final class MessagingTestAccess {

	private MessagingTestAccess() {
	}

	public static List<String> offline(Room room, String senderId, Set<String> online) {
		return Messaging.offline(room, senderId, online);
	}

}
