package io.chorus.member.domain;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Opaque refresh tokens: 256 random bits as base64url. Only their SHA-256 is ever stored, so a
 * database leak yields no usable token (the input has full entropy; no salt or KDF needed).
 */
public final class RefreshTokens {

	private static final int BYTES = 32;

	private final SecureRandom random;

	public RefreshTokens(SecureRandom random) {
		this.random = random;
	}

	/** A new token. Reads {@link SecureRandom}: call it on the crypto scheduler. */
	public String next() {
		byte[] bytes = new byte[BYTES];
		this.random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** Lower-case hex SHA-256 of the token text. */
	public static String hash(String token) {
		return Sha256.hex(token);
	}

	/** Cheap shape check before any database work: 43 base64url characters. */
	public static boolean looksValid(String token) {
		return token.length() == 43 && token.chars()
			.allMatch((c) -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_');
	}

}
