package io.chorus.gateway.domain;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One spelling per path, computed once before any edge decision and used for routing too, so a
 * check on {@code /api/auth/} cannot be dodged by {@code /api/auth;x/login},
 * {@code /api/%61uth/login} or {@code //api/auth//login}: percent-escapes of ordinary characters
 * are decoded, path parameters ({@code ;...} in a segment) dropped, repeated slashes collapsed,
 * and the result re-encoded canonically. Paths that could mean another path to someone
 * downstream are refused: dot segments ({@code .}, {@code ..}, also encoded), encoded slashes or
 * backslashes, backslashes, control characters and malformed escapes.
 */
public final class CanonicalPath {

	private CanonicalPath() {
	}

	/** The canonical raw (encoded) form of {@code rawPath}; throws {@link IllegalArgumentException} when refused. */
	public static String of(String rawPath) {
		if (rawPath.isEmpty() || rawPath.charAt(0) != '/') {
			throw new IllegalArgumentException("the path must start with /");
		}
		StringBuilder canonical = new StringBuilder(rawPath.length());
		int start = 1;
		while (start <= rawPath.length()) {
			int end = rawPath.indexOf('/', start);
			if (end < 0) {
				end = rawPath.length();
			}
			String segment = rawPath.substring(start, end);
			int parameters = segment.indexOf(';');
			if (parameters >= 0) {
				segment = segment.substring(0, parameters);
			}
			String decoded = decode(segment);
			if (decoded.equals(".") || decoded.equals("..")) {
				throw new IllegalArgumentException("dot segments are not allowed");
			}
			boolean last = end == rawPath.length();
			if (!decoded.isEmpty()) {
				canonical.append('/').append(encode(decoded));
			}
			else if (last && rawPath.length() > 1 && rawPath.charAt(rawPath.length() - 1) == '/') {
				canonical.append('/'); // keep one trailing slash: some routes tell /x/ from /x
			}
			start = end + 1;
		}
		return (canonical.length() == 0) ? "/" : canonical.toString();
	}

	private static String decode(String segment) {
		if (segment.indexOf('%') < 0) {
			check(segment);
			return segment;
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
		for (int i = 0; i < segment.length(); i++) {
			char c = segment.charAt(i);
			if (c == '%') {
				if (i + 2 >= segment.length()) {
					throw new IllegalArgumentException("malformed escape");
				}
				int value = Character.digit(segment.charAt(i + 1), 16) * 16 + Character.digit(segment.charAt(i + 2), 16);
				if (Character.digit(segment.charAt(i + 1), 16) < 0 || Character.digit(segment.charAt(i + 2), 16) < 0) {
					throw new IllegalArgumentException("malformed escape");
				}
				if (value == '/' || value == '\\') {
					throw new IllegalArgumentException("encoded slashes are not allowed");
				}
				bytes.write(value);
				i += 2;
			}
			else {
				byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
				bytes.write(encoded, 0, encoded.length);
			}
		}
		String decoded = bytes.toString(StandardCharsets.UTF_8);
		check(decoded);
		return decoded;
	}

	private static void check(String decoded) {
		for (int i = 0; i < decoded.length(); i++) {
			char c = decoded.charAt(i);
			if (c < 0x20 || c == 0x7f || c == '\\' || c == '\uFFFD') {
				throw new IllegalArgumentException("control characters, backslashes and invalid UTF-8 are not allowed");
			}
		}
	}

	/** RFC 3986 pchar minus ';' (path parameters were dropped), everything else escaped as UTF-8. */
	private static String encode(String decoded) {
		StringBuilder out = new StringBuilder(decoded.length());
		for (byte b : decoded.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xff;
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~!$&'()*+,=:@".indexOf(c) >= 0) {
				out.append((char) c);
			}
			else {
				out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
					.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
			}
		}
		return out.toString();
	}

}
