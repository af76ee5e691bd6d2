package io.chorus.gateway.domain;

import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;

/**
 * One of member's public signing keys, ready to verify.
 *
 * @param kid        the key id tokens name in their header
 * @param algorithms the algorithms this key may verify (its type intersected with the allow-list)
 * @param verifier   built once per key, reused for every token
 * @param current    whether this is member's current key (the first of its JWK set)
 */
public record SigningKey(String kid, Set<JWSAlgorithm> algorithms, JWSVerifier verifier, boolean current) {

	public SigningKey {
		algorithms = Set.copyOf(algorithms);
	}

}
