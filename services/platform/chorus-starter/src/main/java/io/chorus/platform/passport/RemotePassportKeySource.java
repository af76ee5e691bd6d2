package io.chorus.platform.passport;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.JWSVerifier;
import io.chorus.platform.web.ProblemException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Keys from the gateway's JWKS endpoint. Fetched on first use, cached for a TTL, refetched when a
 * passport names an unknown kid (key rotation), with concurrent misses sharing one fetch. If the
 * endpoint is down, known keys keep working past their TTL, so a gateway hiccup locks nobody out.
 */
final class RemotePassportKeySource implements PassportKeySource {

	private static final Logger logger = LoggerFactory.getLogger(RemotePassportKeySource.class);

	private final WebClient client;

	private final URI uri;

	private final Clock clock;

	private final Duration ttl;

	private final Duration minRefetchInterval;

	private final AtomicReference<Snapshot> snapshot = new AtomicReference<>(Snapshot.EMPTY);

	private final AtomicReference<@Nullable Mono<Snapshot>> inFlight = new AtomicReference<>();

	private volatile Instant lastAttempt = Instant.MIN;

	RemotePassportKeySource(WebClient client, URI uri, Clock clock, Duration ttl, Duration minRefetchInterval) {
		this.client = client;
		this.uri = uri;
		this.clock = clock;
		this.ttl = ttl;
		this.minRefetchInterval = minRefetchInterval;
	}

	@Override
	public Mono<JWSVerifier> verifierFor(String kid) {
		Snapshot current = this.snapshot.get();
		Instant now = this.clock.instant();
		JWSVerifier known = current.verifiers.get(kid);
		boolean fresh = now.isBefore(current.fetchedAt.plus(this.ttl));
		if (known != null && fresh) {
			return Mono.just(known);
		}
		if (known == null && this.inFlight.get() == null
				&& now.isBefore(this.lastAttempt.plus(this.minRefetchInterval))) {
			// Fetched moment ago (re-read: that fetch may have finished since): don't fetch again.
			return Mono.justOrEmpty(this.snapshot.get().verifiers.get(kid));
		}
		return refresh().mapNotNull((snapshot) -> snapshot.verifiers.get(kid)).onErrorResume((ex) -> {
			if (known != null) {
				return Mono.just(known);
			}
			return Mono.error(ProblemException.of(HttpStatus.SERVICE_UNAVAILABLE)
				.detail("Passport keys are unavailable; retry shortly.")
				.header("Retry-After", "1")
				.cause(ex)
				.build());
		});
	}

	private Mono<Snapshot> refresh() {
		return Mono.defer(() -> {
			Mono<Snapshot> running = this.inFlight.get();
			if (running != null) {
				return running;
			}
			Mono<Snapshot> fetch = fetch().doFinally((signal) -> this.inFlight.set(null)).cache();
			return this.inFlight.compareAndSet(null, fetch) ? fetch : refresh();
		});
	}

	private Mono<Snapshot> fetch() {
		return Mono.defer(() -> {
			this.lastAttempt = this.clock.instant();
			return this.client.get().uri(this.uri).retrieve().bodyToMono(String.class);
		})
			.map((json) -> new Snapshot(JwkSets.verifiers(json), this.clock.instant()))
			.doOnNext((fetched) -> {
				this.snapshot.set(fetched);
				logger.debug("Fetched {} passport keys from {}", fetched.verifiers.size(), this.uri);
			})
			.doOnError((ex) -> logger.warn("Fetching passport keys from {} failed: {}", this.uri, ex.toString()));
	}

	private record Snapshot(Map<String, JWSVerifier> verifiers, Instant fetchedAt) {

		static final Snapshot EMPTY = new Snapshot(Map.of(), Instant.MIN);

	}

}
