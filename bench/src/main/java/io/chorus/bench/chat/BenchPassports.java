package io.chorus.bench.chat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

/**
 * Passports for driving chat directly (without the gateway): ES256 JWTs with the gateway's issuer
 * and audience, signed with a key the bench generated; chat is started with its public JWK set
 * ({@code chorus.passport.public-jwks}). Only for the benchmark — nothing else holds this key.
 */
final class BenchPassports {

	private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

	private static final String HEADER = B64.encodeToString(
			"{\"alg\":\"ES256\",\"kid\":\"chorus-bench\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

	private final PrivateKey key;

	private BenchPassports(PrivateKey key) {
		this.key = key;
	}

	/** Writes a new key to {@code file} (PKCS#8, base64) and its public JWK set to {@code file.jwks}. */
	static void generate(Path file) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		KeyPair pair = generator.generateKeyPair();
		ECPublicKey pub = (ECPublicKey) pair.getPublic();
		String jwks = "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"chorus-bench\",\"use\":\"sig\",\"alg\":\"ES256\",\"x\":\""
				+ B64.encodeToString(unsigned(pub.getW().getAffineX())) + "\",\"y\":\""
				+ B64.encodeToString(unsigned(pub.getW().getAffineY())) + "\"}]}";
		Files.writeString(file, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
		Files.writeString(Path.of(file + ".jwks"), jwks);
	}

	static BenchPassports load(Path file) throws Exception {
		byte[] der = Base64.getDecoder().decode(Files.readString(file).strip());
		return new BenchPassports(KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der)));
	}

	String mint(String memberId) {
		long now = System.currentTimeMillis() / 1000;
		String claims = "{\"iss\":\"chorus-gateway\",\"aud\":[\"chorus-internal\"],\"sub\":\"" + memberId
				+ "\",\"handle\":\"" + memberId + "\",\"roles\":[\"USER\"],\"jti\":\"" + UUID.randomUUID()
				+ "\",\"iat\":" + now + ",\"exp\":" + (now + 30) + "}";
		String input = HEADER + "." + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
		try {
			Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
			signature.initSign(this.key);
			signature.update(input.getBytes(StandardCharsets.US_ASCII));
			return input + "." + B64.encodeToString(signature.sign());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] unsigned(BigInteger value) {
		byte[] bytes = value.toByteArray();
		if (bytes.length == 32) {
			return bytes;
		}
		byte[] out = new byte[32];
		int from = Math.max(0, bytes.length - 32);
		System.arraycopy(bytes, from, out, 32 - (bytes.length - from), bytes.length - from);
		return (bytes.length > 32) ? Arrays.copyOfRange(bytes, bytes.length - 32, bytes.length) : out;
	}

}
