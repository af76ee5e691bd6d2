package io.chorus.platform.passport;

import com.nimbusds.jose.JWSVerifier;
import reactor.core.publisher.Mono;

/**
 * Resolves the gateway's public key for a passport's {@code kid}. Define a bean of this type to
 * replace the configured sources.
 */
@FunctionalInterface
public interface PassportKeySource {

	/** A verifier for the key with this id, or empty if no such key is known. */
	Mono<JWSVerifier> verifierFor(String kid);

}
