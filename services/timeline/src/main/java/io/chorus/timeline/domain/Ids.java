package io.chorus.timeline.domain;

import java.util.regex.Pattern;

/** What this service accepts as a post, comment or member id (opaque strings from other services). */
public final class Ids {

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	private Ids() {
	}

	public static boolean valid(String id) {
		return ID.matcher(id).matches();
	}

}
