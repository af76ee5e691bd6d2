package io.chorus.chat.live;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Which browser origins may open a WebSocket: the gateway's public origin (the web UI is served
 * there) and the CORS allow-list. No {@code Origin} header (not a browser) is judged by the ticket
 * alone. Guards against cross-site WebSocket hijacking.
 */
public final class Origins {

	private final Set<String> allowed = new HashSet<>();

	public Origins(String publicOrigin, List<String> allowList) {
		this.allowed.add(normalize(publicOrigin));
		allowList.forEach(o -> this.allowed.add(normalize(o)));
	}

	public boolean accepts(@Nullable String origin) {
		return origin == null || this.allowed.contains(normalize(origin));
	}

	private static String normalize(String origin) {
		String o = origin.trim().toLowerCase(Locale.ROOT);
		return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
	}

}
