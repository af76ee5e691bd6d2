package io.chorus.gateway.domain;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** Where member's public signing keys come from. */
public interface SigningKeys {

	/**
	 * The key with this id: empty when it is not known (even after the source refreshed, if it
	 * was allowed to), an error {@link TokenRejectedException} with
	 * {@link TokenRejectedException.Reason#KEYS_UNAVAILABLE} when no key set was ever loaded.
	 */
	Mono<SigningKey> find(String kid);

	/**
	 * The key with this id if it is in the key set held now, without fetching: lets a cached
	 * verification notice that its key was withdrawn, or stopped being the current one.
	 */
	@Nullable SigningKey known(String kid);

}
