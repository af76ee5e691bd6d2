package io.chorus.gateway.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.chorus.gateway.domain.AccessToken;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanStream;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Revoked access tokens: single tokens by {@code jti} (logout) and everything a member was issued
 * up to an instant (logout-all, deactivation).
 *
 * <p>Redis is the shared record; every replica keeps the live revocations in memory and checks
 * requests against that copy only, so a check costs a map lookup, not a round trip. The copy is
 * kept current by push: a revocation is written to Redis and published on
 * {@code gw:revocations}; every replica applies what it hears (within milliseconds). After each
 * (re)connection and every {@code reconcileInterval} a replica also re-reads every mark with SCAN,
 * so a message missed while disconnected is caught up. Marks are only ever added locally and
 * dropped when they would have expired; the set is not a cache and has no size bound beyond that
 * (each entry is a logged-out token of at most one token lifetime).
 *
 * <p>Redis outage: checks keep answering from the copy (revocations made elsewhere during the
 * outage arrive when Redis is back). A revocation this replica makes is applied here at once; if
 * its write fails it is kept and written again on every reconciliation until Redis takes it, so
 * it is never dropped. {@link #writable()} lets the edge refuse a logout up front while Redis is
 * known to be down.
 */
public final class RevocationStore implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(RevocationStore.class);

	private final GatewayRedis redis;

	private final RedisKeys keys;

	private final FailOpen failOpen;

	private final Clock clock;

	private final Duration writeTimeout;

	private final Duration markLifetime;

	private final Duration reconcileInterval;

	/** jti → epoch second at which the token (and so its mark) expires. */
	private final Map<String, Long> tokens = new ConcurrentHashMap<>();

	/** member id → epoch second; tokens issued at or before it are revoked. */
	private final Map<String, Long> before = new ConcurrentHashMap<>();

	private final Queue<Mark> unwritten = new ConcurrentLinkedQueue<>();

	private volatile @Nullable Disposable reconciling;

	/**
	 * @param markLifetime      how long a revoked-before mark must live: the longest token lifetime
	 *                          the verifier accepts plus its clock skew
	 * @param reconcileInterval how often the whole set is re-read from Redis (and unwritten marks
	 *                          written again)
	 */
	public RevocationStore(GatewayRedis redis, RedisKeys keys, FailOpen failOpen, Clock clock, Duration writeTimeout,
			Duration markLifetime, Duration reconcileInterval) {
		this.redis = redis;
		this.keys = keys;
		this.failOpen = failOpen;
		this.clock = clock;
		this.writeTimeout = writeTimeout;
		this.markLifetime = markLifetime;
		this.reconcileInterval = reconcileInterval;
	}

	/** Subscribes to the revocation channel and starts the periodic reconciliation. */
	public void start() {
		this.redis.subscribe(this.keys.revocationChannel(), this::apply, () -> reconcile().subscribe());
		this.reconciling = Flux.interval(this.reconcileInterval, this.reconcileInterval)
			.onBackpressureDrop()
			.concatMap((tick) -> reconcile(), 1)
			.subscribe();
	}

	@Override
	public void close() {
		Disposable running = this.reconciling;
		if (running != null) {
			running.dispose();
		}
	}

	/** Whether the token is revoked, from this replica's copy. */
	public boolean isRevoked(AccessToken token) {
		if (this.tokens.containsKey(token.jti())) {
			return true;
		}
		Long mark = this.before.get(token.memberId());
		return mark != null && token.issuedAt().getEpochSecond() <= mark;
	}

	/** Whether a revocation can be written now; false while the command connection is down. */
	public boolean writable() {
		return this.redis.connected();
	}

	/** Revokes one token until it would have expired anyway. */
	public Mono<Void> revoke(AccessToken token) {
		return record(Mark.token(token.jti(), token.expiresAt().getEpochSecond()));
	}

	/** Revokes every token issued to the member at or before now (its {@code iat} second included). */
	public Mono<Void> revokeAllBefore(String memberId) {
		return record(Mark.before(memberId, this.clock.instant().getEpochSecond()));
	}

	/**
	 * Revokes every token issued to the member before the current second: the member may log in
	 * again at once (a token issued in the same second as the mark would otherwise be revoked too).
	 */
	public Mono<Void> revokeAllIssuedEarlier(String memberId) {
		return record(Mark.before(memberId, this.clock.instant().getEpochSecond() - 1));
	}

	/** How many revocation marks this replica holds now. */
	public int size() {
		return this.tokens.size() + this.before.size();
	}

	private Mono<Void> record(Mark mark) {
		apply(mark);
		return write(mark).onErrorResume((ex) -> {
			this.failOpen.record("revocation-write", ex);
			this.unwritten.add(mark);
			return Mono.empty();
		});
	}

	/** Stores the mark with its expiry, then tells every replica. */
	private Mono<Void> write(Mark mark) {
		long ttl = ttlSeconds(mark);
		if (ttl <= 0) {
			return Mono.empty();
		}
		String key = (mark.kind() == Mark.TOKEN) ? this.keys.revoked(mark.id()) : this.keys.revokedBefore(mark.id());
		// Value: the token's expiry (jti) or the mark itself (member), so a re-read needs no TTL call.
		return this.redis.commands()
			.flatMap((commands) -> commands.set(key, Long.toString(mark.epochSecond()), SetArgs.Builder.ex(ttl))
				.then(commands.publish(this.keys.revocationChannel(), mark.encode())))
			.timeout(this.writeTimeout)
			.then();
	}

	private long ttlSeconds(Mark mark) {
		long now = this.clock.instant().getEpochSecond();
		long expiresAt = (mark.kind() == Mark.TOKEN) ? mark.epochSecond()
				: mark.epochSecond() + this.markLifetime.toSeconds();
		return expiresAt - now + 1;
	}

	private void apply(String message) {
		Mark mark = Mark.decode(message);
		if (mark == null) {
			logger.warn("Ignored a malformed revocation message");
			return;
		}
		apply(mark);
	}

	private void apply(Mark mark) {
		if (mark.kind() == Mark.TOKEN) {
			this.tokens.merge(mark.id(), mark.epochSecond(), Math::max);
		}
		else {
			this.before.merge(mark.id(), mark.epochSecond(), Math::max);
		}
	}

	/**
	 * Drops expired marks, writes marks that could not be written before, and re-reads every mark
	 * from Redis. Never fails: an unreachable Redis is tried again at the next interval.
	 */
	private Mono<Void> reconcile() {
		long now = this.clock.instant().getEpochSecond();
		this.tokens.values().removeIf((expiresAt) -> expiresAt < now);
		long lifetime = this.markLifetime.toSeconds();
		this.before.values().removeIf((mark) -> mark + lifetime < now);
		return Flux.fromIterable(List.copyOf(this.unwritten))
			.concatMap((mark) -> write(mark).doOnSuccess((done) -> this.unwritten.remove(mark)))
			.then(this.redis.commands())
			.flatMap((commands) -> reread(commands, this.keys.revoked("*"), Mark.TOKEN)
				.then(reread(commands, this.keys.revokedBefore("*"), Mark.BEFORE)))
			.onErrorResume((ex) -> {
				logger.debug("Revocation reconciliation skipped: {}", ex.toString());
				return Mono.empty();
			});
	}

	private Mono<Void> reread(RedisReactiveCommands<String, String> commands, String pattern, char kind) {
		int idStart = pattern.length() - 1;
		long fallbackExpiry = this.clock.instant().plus(this.markLifetime).getEpochSecond();
		return ScanStream.scan(commands, ScanArgs.Builder.matches(pattern).limit(500))
			.buffer(500)
			.concatMap((batch) -> commands.mget(batch.toArray(String[]::new)))
			.filter(KeyValue::hasValue)
			.doOnNext((entry) -> apply(new Mark(kind, entry.getKey().substring(idStart),
					parseOr(entry.getValue(), fallbackExpiry))))
			.timeout(this.reconcileInterval)
			.then();
	}

	private static long parseOr(String value, long fallback) {
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			return fallback; // a mark written before values carried the expiry
		}
	}

	/**
	 * One revocation as published on the channel: {@code t:<epoch>:<jti>} or
	 * {@code b:<epoch>:<memberId>}.
	 */
	record Mark(char kind, String id, long epochSecond) {

		static final char TOKEN = 't';

		static final char BEFORE = 'b';

		static Mark token(String jti, long expiresAt) {
			return new Mark(TOKEN, jti, expiresAt);
		}

		static Mark before(String memberId, long mark) {
			return new Mark(BEFORE, memberId, mark);
		}

		String encode() {
			return this.kind + ":" + this.epochSecond + ":" + this.id;
		}

		static @Nullable Mark decode(String message) {
			int second = message.indexOf(':', 2);
			if (message.length() < 5 || message.charAt(1) != ':' || second < 0 || second == message.length() - 1) {
				return null;
			}
			char kind = message.charAt(0);
			if (kind != TOKEN && kind != BEFORE) {
				return null;
			}
			try {
				return new Mark(kind, message.substring(second + 1), Long.parseLong(message.substring(2, second)));
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}

	}

}
