package io.chorus.member.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for signing keys at rest. The key id is the associated data, so a ciphertext copied
 * onto another row does not decrypt. Output: base64 of {@code iv(12) || ciphertext+tag}.
 */
public final class KeyEncryption {

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecretKey key;

	private final SecureRandom random;

	public KeyEncryption(byte[] key, SecureRandom random) {
		if (key.length != 32) {
			throw new IllegalArgumentException("the key encryption key must be 32 bytes (base64 of 32 random bytes)");
		}
		this.key = new SecretKeySpec(key, "AES");
		this.random = random;
	}

	/** Parses base64 (standard or url-safe) of 32 bytes. */
	public static byte[] parseKey(String base64) {
		String text = base64.strip();
		byte[] key = (text.indexOf('-') >= 0 || text.indexOf('_') >= 0) ? Base64.getUrlDecoder().decode(text)
				: Base64.getDecoder().decode(text);
		if (key.length != 32) {
			throw new IllegalArgumentException("the key encryption key must be base64 of exactly 32 bytes");
		}
		return key;
	}

	public String seal(String associatedData, String plaintext) {
		byte[] iv = new byte[IV_BYTES];
		this.random.nextBytes(iv);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, iv));
			cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder()
				.encodeToString(ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM encryption failed", ex);
		}
	}

	/** @throws KeyDecryptionException if the text was sealed under another key or altered */
	public String open(String associatedData, String sealedText) {
		try {
			byte[] all = Base64.getDecoder().decode(sealedText);
			if (all.length <= IV_BYTES) {
				throw new KeyDecryptionException("sealed text too short");
			}
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
			cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
			byte[] plain = cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES);
			return new String(plain, StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new KeyDecryptionException("cannot decrypt signing key " + associatedData
					+ " (was it sealed under another CHORUS_MEMBER_KEY_ENCRYPTION_KEY?)");
		}
	}

	/** The stored private key does not open with the configured key encryption key. */
	public static final class KeyDecryptionException extends RuntimeException {

		KeyDecryptionException(String message) {
			super(message);
		}

	}

}
