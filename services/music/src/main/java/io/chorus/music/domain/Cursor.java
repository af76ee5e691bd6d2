package io.chorus.music.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An opaque keyset position {@code (createdAt, id)}: the last item of a page. Clients get it as
 * base64url text and must not interpret it; a tampered cursor simply fails to decode.
 */
public record Cursor(Instant createdAt, String id) {

	private static final Pattern ID = Pattern.compile("[0-9a-f-]{36}");

	public Cursor {
		createdAt = createdAt.truncatedTo(ChronoUnit.MICROS);
	}

	public String encode() {
		long micros = ChronoUnit.MICROS.between(Instant.EPOCH, this.createdAt);
		String raw = micros + "|" + this.id;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

	/** The cursor in {@code text}, or empty if it is not one this service produced. */
	public static Optional<Cursor> decode(String text) {
		if (text.length() > 200) {
			return Optional.empty();
		}
		try {
			String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
			int bar = raw.indexOf('|');
			if (bar <= 0) {
				return Optional.empty();
			}
			long micros = Long.parseLong(raw.substring(0, bar));
			String id = raw.substring(bar + 1);
			if (!ID.matcher(id).matches() || micros < 0) {
				return Optional.empty();
			}
			return Optional.of(new Cursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), id));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
