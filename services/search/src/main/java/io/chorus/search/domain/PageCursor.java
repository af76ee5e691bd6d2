package io.chorus.search.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Position in a ranked result list: an offset plus a fingerprint of the query it belongs to, as
 * opaque base64url text. Results are ranked in memory, so there is no stable key to seek from;
 * the offset is re-applied to the re-ranked candidates of the same query. A cursor replayed with
 * another query (or a tampered one) fails to decode.
 */
public record PageCursor(int offset, String fingerprint) {

	private static final int MAX_TEXT = 100;

	public String encode() {
		String raw = "1|" + this.offset + "|" + this.fingerprint;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

	/** The cursor in {@code text}, if it is one issued for the query with {@code fingerprint}. */
	public static Optional<PageCursor> decode(String text, String fingerprint, int maxOffset) {
		if (text.isEmpty() || text.length() > MAX_TEXT) {
			return Optional.empty();
		}
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|", -1);
			if (parts.length != 3 || !"1".equals(parts[0]) || !fingerprint.equals(parts[2])) {
				return Optional.empty();
			}
			int offset = Integer.parseInt(parts[1]);
			return (offset > 0 && offset < maxOffset) ? Optional.of(new PageCursor(offset, fingerprint))
					: Optional.empty();
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/** Identifies a query (type and normalised words) without revealing it. */
	public static String fingerprint(SearchType type, List<String> terms) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256")
				.digest((type.value() + "\n" + String.join(" ", terms)).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash, 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
