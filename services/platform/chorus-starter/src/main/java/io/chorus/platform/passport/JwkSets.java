package io.chorus.platform.passport;

import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a JWK set into verifiers by kid, keeping only keys fit for ES256 passports. */
final class JwkSets {

	private static final Logger logger = LoggerFactory.getLogger(JwkSets.class);

	private JwkSets() {
	}

	static Map<String, JWSVerifier> verifiers(String json) {
		JWKSet set;
		try {
			set = JWKSet.parse(json);
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException("Passport JWK set is not valid JSON/JWK: " + ex.getMessage(), ex);
		}
		Map<String, JWSVerifier> verifiers = new LinkedHashMap<>();
		for (JWK jwk : set.getKeys()) {
			if (jwk.isPrivate()) {
				// Holding the private key would let this service mint identities (prior-art defect).
				throw new IllegalArgumentException("Passport JWK set must hold public keys only (kid "
						+ jwk.getKeyID() + " has private material)");
			}
			if (usable(jwk)) {
				verifiers.put(jwk.getKeyID(), verifier((ECKey) jwk));
			}
			else {
				logger.warn("Ignoring passport JWK {}: only EC P-256 signing keys with a kid are used", jwk.getKeyID());
			}
		}
		return Map.copyOf(verifiers);
	}

	private static boolean usable(JWK jwk) {
		return jwk instanceof ECKey ec && Curve.P_256.equals(ec.getCurve()) && jwk.getKeyID() != null
				&& (jwk.getKeyUse() == null || KeyUse.SIGNATURE.equals(jwk.getKeyUse()))
				&& (jwk.getAlgorithm() == null || JWSAlgorithm.ES256.equals(jwk.getAlgorithm()));
	}

	private static JWSVerifier verifier(ECKey key) {
		try {
			return new ECDSAVerifier(key);
		}
		catch (JOSEException ex) {
			throw new IllegalArgumentException("Passport JWK " + key.getKeyID() + " is unusable", ex);
		}
	}

}
