package io.chorus.testkit.passport;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

/** EC P-256 signing keys generated in memory (never written anywhere), newest last. */
final class TestKeys {

	private final List<ECKey> keys = new ArrayList<>();

	TestKeys() {
		rotate();
	}

	static ECKey generate() {
		try {
			return new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString())
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.ES256)
				.generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot generate an EC P-256 key", ex);
		}
	}

	synchronized ECKey rotate() {
		ECKey key = generate();
		this.keys.add(key);
		return key;
	}

	synchronized ECKey current() {
		return this.keys.get(this.keys.size() - 1);
	}

	synchronized ECKey byKid(String kid) {
		return this.keys.stream()
			.filter((key) -> key.getKeyID().equals(kid))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No key " + kid));
	}

	/** The public halves of every key, as a JWK set JSON document. */
	synchronized String publicJwks() {
		List<JWK> publicKeys = new ArrayList<>();
		// Newest first, like member's JWKS: clients that pick the first key get the current one.
		this.keys.reversed().forEach((key) -> publicKeys.add(key.toPublicJWK()));
		return new JWKSet(publicKeys).toString();
	}

}
