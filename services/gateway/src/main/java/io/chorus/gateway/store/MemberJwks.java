package io.chorus.gateway.store;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.chorus.gateway.domain.JwkSetParser;
import io.chorus.gateway.domain.SigningKey;
import io.chorus.gateway.domain.SigningKeys;
import io.chorus.gateway.domain.TokenRejectedException;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Member's signing keys, fetched from its JWKS endpoint and cached — never a call per request.
 * A token naming an unknown {@code kid} triggers a refetch (member rotated), but at most one per
 * {@code minRefetchInterval}, and concurrent misses share that one fetch: a flood of made-up kids
 * cannot turn into a flood of calls to member. A cache older than {@code cacheTtl} is refreshed in
 * the background while the old keys keep serving.
 */
public final class MemberJwks implements SigningKeys {

	private static final Logger logger = LoggerFactory.getLogger(MemberJwks.class);

	private final WebClient client;

	private final URI uri;

	private final JwkSetParser parser;

	private final Clock clock;

	private final Duration cacheTtl;

	private final Duration minRefetchInterval;

	private final Duration maxStaleness;

	private final MeterRegistry meters;

	private final AtomicReference<@Nullable Snapshot> snapshot = new AtomicReference<>();

	private final AtomicReference<@Nullable Mono<Snapshot>> inFlight = new AtomicReference<>();

	private volatile @Nullable Instant lastAttempt;

	public MemberJwks(WebClient client, URI uri, JwkSetParser parser, Clock clock, Duration cacheTtl,
			Duration minRefetchInterval, Duration maxStaleness, MeterRegistry meters) {
		if (maxStaleness.compareTo(cacheTtl) < 0) {
			throw new IllegalArgumentException("the JWKS max staleness must be at least its cache TTL");
		}
		this.client = client;
		this.uri = uri;
		this.parser = parser;
		this.clock = clock;
		this.cacheTtl = cacheTtl;
		this.minRefetchInterval = minRefetchInterval;
		this.maxStaleness = maxStaleness;
		this.meters = meters;
	}

	@Override
	public Mono<SigningKey> find(String kid) {
		return Mono.defer(() -> {
			SigningKey key = known(kid);
			if (key != null) {
				return Mono.just(key);
			}
			return refresh().flatMap((fresh) -> Mono.justOrEmpty(fresh.keys().get(kid)))
				.switchIfEmpty(Mono.defer(() -> (usable() == null)
						? Mono.error(new TokenRejectedException(TokenRejectedException.Reason.KEYS_UNAVAILABLE,
								"member's keys are unavailable"))
						: Mono.empty()));
		});
	}

	@Override
	public @Nullable SigningKey known(String kid) {
		Snapshot current = usable();
		if (current == null) {
			return null;
		}
		if (current.fetchedAt().plus(this.cacheTtl).isBefore(this.clock.instant())) {
			refresh().subscribe(); // stale-while-revalidate; failures are logged in fetch()
		}
		return current.keys().get(kid);
	}

	/** The keys held, unless they are older than the maximum staleness. */
	private @Nullable Snapshot usable() {
		Snapshot current = this.snapshot.get();
		if (current == null || current.fetchedAt().plus(this.maxStaleness).isBefore(this.clock.instant())) {
			return null;
		}
		return current;
	}

	/** Joins the fetch in flight, else starts one unless the last attempt was too recent. */
	private Mono<Snapshot> refresh() {
		while (true) {
			Mono<Snapshot> running = this.inFlight.get();
			if (running != null) {
				return running;
			}
			Instant now = this.clock.instant();
			Instant last = this.lastAttempt;
			if (last != null && now.isBefore(last.plus(this.minRefetchInterval))) {
				return Mono.empty();
			}
			// Cleared before any caller sees the outcome, so the next miss after it may fetch again.
			Mono<Snapshot> fetch = fetch().doOnEach((signal) -> this.inFlight.set(null))
				.doOnCancel(() -> this.inFlight.set(null))
				.cache();
			if (this.inFlight.compareAndSet(null, fetch)) {
				this.lastAttempt = now;
				return fetch;
			}
		}
	}

	private Mono<Snapshot> fetch() {
		return this.client.get()
			.uri(this.uri)
			.retrieve()
			.bodyToMono(String.class)
			.map((json) -> new Snapshot(this.parser.parse(json), this.clock.instant()))
			.doOnNext((fresh) -> {
				this.snapshot.set(fresh);
				this.meters.counter("chorus.gateway.jwks.fetches", "outcome", "success").increment();
				logger.debug("Loaded {} signing key(s) from {}", fresh.keys().size(), this.uri);
			})
			.onErrorResume((ex) -> {
				this.meters.counter("chorus.gateway.jwks.fetches", "outcome", "failure").increment();
				logger.warn("Fetching member's JWKS from {} failed: {}", this.uri, ex.toString());
				return Mono.empty();
			});
	}

	/** Starts loading the keys now (at startup), so the first requests find them cached. */
	public void prefetch() {
		refresh().subscribe();
	}

	/** The keys currently cached (empty before the first successful fetch). */
	public List<String> cachedKeyIds() {
		Snapshot current = usable();
		return (current != null) ? List.copyOf(current.keys().keySet()) : List.of();
	}

	private record Snapshot(Map<String, SigningKey> keys, Instant fetchedAt) {
	}

}
