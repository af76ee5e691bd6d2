package io.chorus.member.domain;

import java.security.SecureRandom;
import java.time.Instant;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import org.jspecify.annotations.Nullable;

/**
 * One ES256 (P-256) access-token signing key.
 *
 * @param kid the RFC 7638 thumbprint of the public key
 * @param slot the rotation slot it was made for ({@code epochMillis / rotationPeriod}); unique, so
 * replicas racing to rotate agree on one key per slot
 * @param jwk public and private key
 * @param createdAt when it became the signing key
 * @param retiredAt when a newer key replaced it, or null while it is current
 */
public record SigningKey(String kid, long slot, ECKey jwk, Instant createdAt, @Nullable Instant retiredAt) {

	/** Generates a fresh key. Reads {@link SecureRandom}: call it on the crypto scheduler. */
	public static SigningKey generate(long slot, Instant now, SecureRandom random) {
		try {
			ECKey key = new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.ES256)
				.keyIDFromThumbprint(true)
				.secureRandom(random)
				.generate();
			return new SigningKey(key.getKeyID(), slot, key, now, null);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("cannot generate a P-256 key", ex);
		}
	}

	public ECKey publicJwk() {
		return this.jwk.toPublicJWK();
	}

}
