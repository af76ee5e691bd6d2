package io.chorus.platform.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * An opaque keyset position {@code (createdAt, id)}: the last item of a page, at microsecond
 * precision (what a {@code DATETIME(6)} column keeps). Clients get it as base64url text and must
 * not interpret it; a tampered cursor simply fails to decode.
 */
public record KeysetCursor(Instant createdAt, String id) {

	private static final int MAX_TEXT = 200;

	public KeysetCursor {
		createdAt = createdAt.truncatedTo(ChronoUnit.MICROS);
	}

	public String encode() {
		long micros = ChronoUnit.MICROS.between(Instant.EPOCH, this.createdAt);
		String raw = micros + "|" + this.id;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The cursor in {@code text}, or empty if it is not one this service produced: not base64url,
	 * no {@code micros|id} inside, a negative time, or an id {@code validId} refuses (the id ends
	 * up in a query, so the service says what its ids look like).
	 */
	public static Optional<KeysetCursor> decode(String text, Predicate<String> validId) {
		if (text.length() > MAX_TEXT) {
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
			if (!validId.test(id) || micros < 0) {
				return Optional.empty();
			}
			return Optional.of(new KeysetCursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), id));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
