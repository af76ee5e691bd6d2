package io.chorus.chat.domain;

/** Shapes of identifiers accepted from clients. */
public final class Limits {

	public static final int MAX_ID_LENGTH = 64;

	public static final int MAX_NAME_LENGTH = 100;

	public static final int MAX_PAGE = 100;

	public static final int DEFAULT_PAGE = 50;

	private Limits() {
	}

	/**
	 * Member, room and client message ids: 1–64 printable ASCII characters without spaces, quotes,
	 * backslashes or {@code |} (ids are embedded in Redis entries and presence frames as they are).
	 */
	public static boolean validId(String id) {
		if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
			return false;
		}
		for (int i = 0; i < id.length(); i++) {
			char c = id.charAt(i);
			if (c <= ' ' || c > '~' || c == '"' || c == '\\' || c == '|') {
				return false;
			}
		}
		return true;
	}

}
