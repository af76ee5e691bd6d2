package io.chorus.activity.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * An opaque keyset position {@code (at, id)}: the last item of a page (pages are sorted by
 * {@code at} descending, then {@code id} descending). Clients get it as base64url text and must
 * not interpret it; anything this service did not produce fails to decode.
 */
public record Cursor(Instant at, String id) {

	static final int MAX_LENGTH = 400;

	public String encode() {
		String raw = this.at.toEpochMilli() + "|" + this.id;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

	/** The cursor in {@code text}, or empty if it is not one this service produced. */
	public static Optional<Cursor> decode(String text) {
		if (text.isEmpty() || text.length() > MAX_LENGTH) {
			return Optional.empty();
		}
		try {
			String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
			int bar = raw.indexOf('|');
			if (bar <= 0 || bar == raw.length() - 1) {
				return Optional.empty();
			}
			long millis = Long.parseLong(raw.substring(0, bar));
			if (millis < 0) {
				return Optional.empty();
			}
			return Optional.of(new Cursor(Instant.ofEpochMilli(millis), raw.substring(bar + 1)));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
