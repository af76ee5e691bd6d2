package io.chorus.platform.passport;

import java.util.Map;

import com.nimbusds.jose.JWSVerifier;
import reactor.core.publisher.Mono;

/** Keys from {@code chorus.passport.public-jwks}, parsed once at startup. */
final class StaticPassportKeySource implements PassportKeySource {

	private final Map<String, JWSVerifier> verifiers;

	StaticPassportKeySource(String jwksJson) {
		this.verifiers = JwkSets.verifiers(jwksJson);
	}

	@Override
	public Mono<JWSVerifier> verifierFor(String kid) {
		return Mono.justOrEmpty(this.verifiers.get(kid));
	}

	int size() {
		return this.verifiers.size();
	}

}
