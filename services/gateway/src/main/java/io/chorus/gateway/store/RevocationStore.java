package io.chorus.gateway.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import io.chorus.gateway.domain.AccessToken;
import io.lettuce.core.KeyValue;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import reactor.core.publisher.Mono;

/**
 * Revoked access tokens, in the gateway's own Redis: single tokens by {@code jti} (logout) and
 * everything a member was issued up to an instant (logout-all, deactivation). One round trip per
 * check; a check that fails or exceeds the timeout fails OPEN (see {@link FailOpen}).
 */
public final class RevocationStore {

	private final GatewayRedis redis;

	private final RedisKeys keys;

	private final FailOpen failOpen;

	private final Clock clock;

	private final Duration checkTimeout;

	private final Duration writeTimeout;

	private final Duration markLifetime;

	/**
	 * @param markLifetime how long a revoked-before mark must live: the longest token lifetime the
	 *                     verifier accepts plus its clock skew
	 */
	public RevocationStore(GatewayRedis redis, RedisKeys keys, FailOpen failOpen, Clock clock, Duration checkTimeout,
			Duration writeTimeout, Duration markLifetime) {
		this.redis = redis;
		this.keys = keys;
		this.failOpen = failOpen;
		this.clock = clock;
		this.checkTimeout = checkTimeout;
		this.writeTimeout = writeTimeout;
		this.markLifetime = markLifetime;
	}

	/** Whether the token is revoked; {@code false} when Redis cannot say in time. */
	public Mono<Boolean> isRevoked(AccessToken token) {
		return this.redis.commands()
			.flatMap((redis) -> redis.mget(this.keys.revoked(token.jti()), this.keys.revokedBefore(token.memberId()))
				.collectList())
			.map((values) -> revoked(values, token))
			.timeout(this.checkTimeout)
			.onErrorResume((ex) -> {
				this.failOpen.record("revocation-check", ex);
				return Mono.just(false);
			});
	}

	private static boolean revoked(List<KeyValue<String, String>> values, AccessToken token) {
		if (values.get(0).hasValue()) {
			return true;
		}
		KeyValue<String, String> before = values.get(1);
		return before.hasValue() && token.issuedAt().getEpochSecond() <= Long.parseLong(before.getValue());
	}

	/** Revokes one token until it would have expired anyway. */
	public Mono<Void> revoke(AccessToken token) {
		long seconds = Duration.between(this.clock.instant(), token.expiresAt()).toSeconds() + 1;
		return write("revocation-write", (redis) -> redis.set(this.keys.revoked(token.jti()), "1",
				SetArgs.Builder.ex(Math.max(1, seconds))));
	}

	/** Revokes every token issued to the member at or before now. */
	public Mono<Void> revokeAllBefore(String memberId) {
		Instant now = this.clock.instant();
		return write("revocation-write", (redis) -> redis.set(this.keys.revokedBefore(memberId),
				Long.toString(now.getEpochSecond()), SetArgs.Builder.ex(this.markLifetime.toSeconds() + 1)));
	}

	private Mono<Void> write(String operation, Function<RedisReactiveCommands<String, String>, Mono<String>> command) {
		return this.redis.commands()
			.flatMap(command)
			.timeout(this.writeTimeout)
			.onErrorResume((ex) -> {
				this.failOpen.record(operation, ex);
				return Mono.empty();
			})
			.then();
	}

}
