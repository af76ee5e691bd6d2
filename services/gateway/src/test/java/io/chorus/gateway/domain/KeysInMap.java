package io.chorus.gateway.domain;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** Signing keys held in a map the test may change (a key withdrawn, another made current). */
record KeysInMap(Map<String, SigningKey> keys) implements SigningKeys {

	@Override
	public Mono<SigningKey> find(String kid) {
		return Mono.justOrEmpty(this.keys.get(kid));
	}

	@Override
	public @Nullable SigningKey known(String kid) {
		return this.keys.get(kid);
	}

}
