package io.chorus.timeline.domain;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.Optional;

/**
 * Where an item sits in a newest-first list: its time (epoch millis) and, to break ties, its id.
 * Lists are ordered by {@code (millis desc, id desc)} everywhere (Redis sorted sets order equal
 * scores by member bytes, Mongo by the {@link #sortKey()} string), so a page cursor is just the
 * last item's position and the next page is "everything strictly after it": stable while newer
 * items arrive, no offsets.
 */
public record Position(long millis, String id) {

	/** Newest first. */
	public static final Comparator<Position> NEWEST_FIRST = Comparator.comparingLong(Position::millis)
		.thenComparing(Position::id)
		.reversed();

	/** Orders like the position: 13 zero-padded digits of millis, ':' and the id. */
	public String sortKey() {
		return sortKey(this.millis, this.id);
	}

	public static String sortKey(long millis, String id) {
		return String.format("%013d:%s", millis, id);
	}

	/** {@code true} if this comes after {@code cursor} in newest-first order. */
	public boolean after(Position cursor) {
		return NEWEST_FIRST.compare(this, cursor) > 0;
	}

	public String encode() {
		return Cursors.encode(this.millis + "|" + this.id);
	}

	public static Optional<Position> decode(String text) {
		return Cursors.decode(text).flatMap((raw) -> {
			int bar = raw.indexOf('|');
			if (bar <= 0) {
				return Optional.empty();
			}
			try {
				long millis = Long.parseLong(raw.substring(0, bar));
				String id = raw.substring(bar + 1);
				return (millis < 0 || !Ids.valid(id)) ? Optional.empty() : Optional.of(new Position(millis, id));
			}
			catch (NumberFormatException ex) {
				return Optional.empty();
			}
		});
	}

	/** Opaque base64url text; a tampered cursor fails to decode. */
	static final class Cursors {

		private Cursors() {
		}

		static String encode(String raw) {
			return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
		}

		static Optional<String> decode(String text) {
			if (text.isEmpty() || text.length() > 200) {
				return Optional.empty();
			}
			try {
				return Optional.of(new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8));
			}
			catch (IllegalArgumentException ex) {
				return Optional.empty();
			}
		}

	}

}
