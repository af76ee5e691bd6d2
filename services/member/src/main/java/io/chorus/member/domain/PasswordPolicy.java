package io.chorus.member.domain;

import java.util.Optional;

/**
 * What a new password must satisfy: 10..128 characters (code points) and more than one
 * character class (lower, upper, digit, other), so "aaaaaaaaaa" and "1234567890" are refused.
 */
public final class PasswordPolicy {

	public static final int MIN = 10;

	public static final int MAX = 128;

	private PasswordPolicy() {
	}

	/** Why {@code password} is refused, or empty if it is acceptable. */
	public static Optional<String> check(String password) {
		int length = password.codePointCount(0, password.length());
		if (length < MIN || length > MAX) {
			return Optional.of("must be " + MIN + " to " + MAX + " characters");
		}
		int classes = password.codePoints().map(PasswordPolicy::classOf).reduce(0, (a, b) -> a | b);
		if (Integer.bitCount(classes) < 2) {
			return Optional.of("must mix at least two of: lower case, upper case, digits, symbols");
		}
		return Optional.empty();
	}

	private static int classOf(int codePoint) {
		if (Character.isLowerCase(codePoint)) {
			return 1;
		}
		if (Character.isUpperCase(codePoint)) {
			return 2;
		}
		if (Character.isDigit(codePoint)) {
			return 4;
		}
		return 8;
	}

}
