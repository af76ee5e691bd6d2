package io.chorus.member.domain;

import java.time.Duration;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Hashes and checks passwords on the crypto scheduler. A check against a missing account runs
 * the same Argon2 work against a dummy hash, so response time does not reveal whether an email
 * is registered.
 */
public final class Passwords {

	private final Argon2idHasher hasher;

	private final Crypto crypto;

	private final Mono<String> dummyHash;

	public Passwords(Argon2idHasher hasher, Crypto crypto) {
		this.hasher = hasher;
		this.crypto = crypto;
		// Kept once made; a failure (shed under load) is not kept, the next login tries again.
		this.dummyHash = crypto.run(() -> hasher.hash(UUID.randomUUID().toString()))
			.cache((hash) -> Duration.ofMillis(Long.MAX_VALUE), (ex) -> Duration.ZERO, () -> Duration.ZERO);
	}

	public Mono<String> hash(String password) {
		return this.crypto.run(() -> this.hasher.hash(password));
	}

	/** True only if {@code storedHash} is present and matches; equal work either way. */
	public Mono<Boolean> matches(String password, @Nullable String storedHash) {
		if (storedHash == null) {
			return this.dummyHash.flatMap((dummy) -> this.crypto.run(() -> {
				this.hasher.matches(password, dummy);
				return false;
			}));
		}
		return this.crypto.run(() -> this.hasher.matches(password, storedHash));
	}

	/** Computes the dummy hash ahead of the first failed login. */
	public Mono<Void> warmUp() {
		return this.dummyHash.then();
	}

}
