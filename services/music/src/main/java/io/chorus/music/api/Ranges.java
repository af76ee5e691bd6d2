package io.chorus.music.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * HTTP Range (RFC 9110 §14) for one representation of {@code length} bytes with a strong ETag.
 * Only single byte ranges are honoured: a request for several ranges gets the whole file (200),
 * which the RFC allows and which avoids multipart/byteranges. A syntactically invalid Range is
 * ignored (200), as is one whose {@code If-Range} does not match the current ETag. A valid range
 * that starts at or beyond the end (or a zero-length suffix) is unsatisfiable (416).
 */
final class Ranges {

	private Ranges() {
	}

	sealed interface Decision permits Full, Partial, Unsatisfiable {

	}

	/** Send the whole representation with 200. */
	record Full() implements Decision {
	}

	/** Send bytes {@code start..end} (inclusive) with 206. */
	record Partial(long start, long end) implements Decision {

		long count() {
			return this.end - this.start + 1;
		}

	}

	/** Answer 416 with {@code Content-Range: bytes *}{@code /length}. */
	record Unsatisfiable() implements Decision {
	}

	static Decision decide(@Nullable String range, @Nullable String ifRange, String etag, long length) {
		if (range == null) {
			return new Full();
		}
		if (ifRange != null && !ifRange.strip().equals(etag)) {
			// If-Range holds a date or another (or weak) validator: the client's partial copy
			// is not of this representation, so it gets a full one.
			return new Full();
		}
		String value = range.strip();
		int eq = value.indexOf('=');
		if (eq < 0 || !value.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals("bytes")) {
			return new Full();
		}
		List<String> specs = new ArrayList<>();
		for (String spec : value.substring(eq + 1).split(",", -1)) {
			if (!spec.isBlank()) {
				specs.add(spec.strip());
			}
		}
		if (specs.size() != 1) {
			return new Full();
		}
		String spec = specs.get(0);
		int dash = spec.indexOf('-');
		if (dash < 0) {
			return new Full();
		}
		String first = spec.substring(0, dash).strip();
		String last = spec.substring(dash + 1).strip();
		if (first.isEmpty()) {
			// suffix range: the last N bytes
			if (!digits(last)) {
				return new Full();
			}
			long suffix = number(last);
			if (suffix == 0 || length == 0) {
				return new Unsatisfiable();
			}
			return new Partial(Math.max(0, length - suffix), length - 1);
		}
		if (!digits(first) || !(last.isEmpty() || digits(last))) {
			return new Full();
		}
		long start = number(first);
		long end = last.isEmpty() ? Long.MAX_VALUE : number(last);
		if (end < start) {
			return new Full();
		}
		if (start >= length) {
			return new Unsatisfiable();
		}
		return new Partial(start, Math.min(end, length - 1));
	}

	/** True if {@code If-None-Match} matches {@code etag} (weak comparison, or {@code *}). */
	static boolean noneMatchHits(@Nullable String ifNoneMatch, String etag) {
		if (ifNoneMatch == null) {
			return false;
		}
		String ours = opaque(etag);
		for (String candidate : ifNoneMatch.split(",")) {
			String c = candidate.strip();
			if (c.equals("*") || opaque(c).equals(ours)) {
				return true;
			}
		}
		return false;
	}

	private static String opaque(String tag) {
		return tag.startsWith("W/") ? tag.substring(2) : tag;
	}

	private static boolean digits(String s) {
		if (s.isEmpty()) {
			return false;
		}
		for (int i = 0; i < s.length(); i++) {
			if (s.charAt(i) < '0' || s.charAt(i) > '9') {
				return false;
			}
		}
		return true;
	}

	/** Digits to a long, saturating instead of overflowing. */
	private static long number(String digits) {
		return (digits.length() > 18) ? Long.MAX_VALUE : Long.parseLong(digits);
	}

}
