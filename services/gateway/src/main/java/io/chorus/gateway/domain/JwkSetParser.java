package io.chorus.gateway.domain;

import java.text.ParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import org.jspecify.annotations.Nullable;

/**
 * Turns member's JWK set into verifiers. The first key of the set is member's current key; the
 * others are retired but still valid. Keys that are not for signatures, of the wrong type or too
 * weak for the allow-list are skipped, never trusted.
 */
public final class JwkSetParser {

	private static final int MIN_RSA_BITS = 2048;

	private final Set<JWSAlgorithm> allowed;

	public JwkSetParser(Set<JWSAlgorithm> allowed) {
		this.allowed = Set.copyOf(allowed);
	}

	/** Keys by kid, in the set's order; throws IllegalArgumentException for JSON that is no JWK set. */
	public Map<String, SigningKey> parse(String json) {
		List<JWK> keys;
		try {
			keys = JWKSet.parse(json).getKeys();
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException("not a JWK set: " + ex.getMessage(), ex);
		}
		Map<String, SigningKey> result = new LinkedHashMap<>();
		for (int i = 0; i < keys.size(); i++) {
			JWK jwk = keys.get(i);
			SigningKey key = toSigningKey(jwk, i == 0);
			if (key != null) {
				result.putIfAbsent(key.kid(), key);
			}
		}
		return Collections.unmodifiableMap(result);
	}

	private @Nullable SigningKey toSigningKey(JWK jwk, boolean current) {
		if (jwk.getKeyID() == null || jwk.getKeyID().isBlank()
				|| (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse()))) {
			return null;
		}
		Set<JWSAlgorithm> algorithms = algorithmsFor(jwk);
		Algorithm declared = jwk.getAlgorithm();
		if (declared != null) {
			algorithms = algorithms.stream().filter((alg) -> alg.getName().equals(declared.getName()))
				.collect(Collectors.toSet());
		}
		algorithms = algorithms.stream().filter(this.allowed::contains).collect(Collectors.toSet());
		if (algorithms.isEmpty()) {
			return null;
		}
		try {
			return new SigningKey(jwk.getKeyID(), algorithms, verifier(jwk), current);
		}
		catch (JOSEException ex) {
			return null;
		}
	}

	private static Set<JWSAlgorithm> algorithmsFor(JWK jwk) {
		if (jwk instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
			return Set.of(JWSAlgorithm.ES256);
		}
		if (jwk instanceof RSAKey rsa && rsa.size() >= MIN_RSA_BITS) {
			return Set.of(JWSAlgorithm.RS256);
		}
		return Set.of();
	}

	private static JWSVerifier verifier(JWK jwk) throws JOSEException {
		if (jwk instanceof ECKey ec) {
			return new ECDSAVerifier(ec.toPublicJWK());
		}
		return new RSASSAVerifier(((RSAKey) jwk).toPublicJWK());
	}

}
