package io.chorus.member.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), so parameters can be raised later and old
 * hashes still verify with the parameters they were made with.
 *
 * <p>CPU- and memory-heavy and reads {@link SecureRandom}: call it only on the crypto scheduler.
 */
public final class Argon2idHasher {

	private static final Pattern PHC = Pattern
		.compile("\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");

	private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

	private static final Base64.Decoder B64D = Base64.getDecoder();

	private final Params params;

	private final SecureRandom random;

	public Argon2idHasher(Params params, SecureRandom random) {
		this.params = params;
		this.random = random;
	}

	public String hash(CharSequence password) {
		byte[] salt = new byte[this.params.saltBytes()];
		this.random.nextBytes(salt);
		byte[] hash = derive(password, salt, this.params.memoryKib(), this.params.iterations(),
				this.params.parallelism(), this.params.hashBytes());
		return "$argon2id$v=19$m=" + this.params.memoryKib() + ",t=" + this.params.iterations() + ",p="
				+ this.params.parallelism() + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
	}

	/** Constant-time comparison; a malformed stored hash never matches. */
	public boolean matches(CharSequence password, String encoded) {
		Matcher m = PHC.matcher(encoded);
		if (!m.matches()) {
			return false;
		}
		byte[] salt = B64D.decode(m.group(4));
		byte[] expected = B64D.decode(m.group(5));
		byte[] actual = derive(password, salt, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
				Integer.parseInt(m.group(3)), expected.length);
		return MessageDigest.isEqual(expected, actual);
	}

	private static byte[] derive(CharSequence password, byte[] salt, int memoryKib, int iterations, int parallelism,
			int length) {
		Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
			.withVersion(Argon2Parameters.ARGON2_VERSION_13)
			.withSalt(salt)
			.withMemoryAsKB(memoryKib)
			.withIterations(iterations)
			.withParallelism(parallelism)
			.build();
		Argon2BytesGenerator generator = new Argon2BytesGenerator();
		generator.init(parameters);
		byte[] secret = password.toString().getBytes(StandardCharsets.UTF_8);
		byte[] out = new byte[length];
		try {
			generator.generateBytes(secret, out);
			return out;
		}
		finally {
			Arrays.fill(secret, (byte) 0);
		}
	}

	/**
	 * Cost parameters. The defaults are OWASP's Argon2id minimum (19 MiB, 2 passes, 1 lane).
	 */
	public record Params(int memoryKib, int iterations, int parallelism, int saltBytes, int hashBytes) {

		public static final Params OWASP = new Params(19_456, 2, 1, 16, 32);

		public Params {
			if (memoryKib < 8 * parallelism || iterations < 1 || parallelism < 1 || saltBytes < 16 || hashBytes < 16) {
				throw new IllegalArgumentException("weak or invalid Argon2 parameters");
			}
		}

	}

}
