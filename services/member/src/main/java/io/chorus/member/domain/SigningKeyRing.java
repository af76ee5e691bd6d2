package io.chorus.member.domain;

import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.chorus.member.domain.KeyEncryption.KeyDecryptionException;
import io.chorus.member.store.SigningKeyStore;
import io.chorus.member.store.SigningKeyStore.StoredKey;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The access-token signing keys shared by all replicas through the database.
 *
 * <p>Time is cut into slots of one rotation period; the current key is the one made for the
 * current slot. Whoever first notices a new slot (the scheduled tick, or a request signing or
 * serving the JWKS) inserts a key for it; the slot's unique key lets exactly one replica win and
 * the others reload. Because every replica switches by the clock, none signs with a key another
 * replica's JWKS does not list. Retired keys stay published until every token they signed has
 * expired (retirement + token lifetime + skew), then they are deleted.
 */
public final class SigningKeyRing {

	private static final Logger log = LoggerFactory.getLogger(SigningKeyRing.class);

	private final SigningKeyStore store;

	private final KeyEncryption encryption;

	private final TransactionalOperator tx;

	private final Crypto crypto;

	private final SecureRandom random;

	private final Clock clock;

	private final Duration period;

	private final Duration tokenLifetime;

	private final Duration skew;

	private final AtomicReference<Snapshot> snapshot = new AtomicReference<>(new Snapshot(List.of(), null));

	private final AtomicReference<@Nullable Mono<Snapshot>> refreshing = new AtomicReference<>();

	public SigningKeyRing(SigningKeyStore store, KeyEncryption encryption, TransactionalOperator tx, Crypto crypto,
			SecureRandom random, Clock clock, Duration period, Duration tokenLifetime, Duration skew) {
		this.store = store;
		this.encryption = encryption;
		this.tx = tx;
		this.crypto = crypto;
		this.random = random;
		this.clock = clock;
		this.period = period;
		this.tokenLifetime = tokenLifetime;
		this.skew = skew;
	}

	/** The key to sign with now, rotating first if a new slot has begun. */
	public Mono<SigningKey> current() {
		Snapshot now = this.snapshot.get();
		if (now.signing() != null && now.signing().slot() >= slot(this.clock.instant())) {
			return Mono.just(now.signing());
		}
		return rotateIfDue().flatMap((fresh) -> Mono.justOrEmpty(fresh.signing()))
			.switchIfEmpty(Mono.error(() -> new IllegalStateException("no usable signing key")));
	}

	/** Public keys for the JWKS: the current signing key first, then retired ones still needed. */
	public Mono<JWKSet> jwks() {
		return current().then(Mono.fromSupplier(() -> {
			Instant now = this.clock.instant();
			List<JWK> keys = new ArrayList<>();
			for (Published key : this.snapshot.get().published()) {
				if (key.verifiableUntil() == null || key.verifiableUntil().isAfter(now)) {
					keys.add(key.jwk());
				}
			}
			return new JWKSet(keys);
		}));
	}

	/**
	 * Reloads the keys, inserts one for the current slot if none exists yet (one replica wins),
	 * and deletes keys no live token can need. Concurrent callers in this replica share one run.
	 */
	public Mono<Snapshot> rotateIfDue() {
		Mono<Snapshot> running = this.refreshing.get();
		if (running != null) {
			return running;
		}
		// A fresh context: a caller's transaction must never swallow the key insert. The slot is
		// freed before the result reaches anyone (doFinally would run after, so a caller could get
		// this finished run back and sign with a key of the previous slot).
		Mono<Snapshot> run = Mono.defer(this::reloadRotateAndPrune)
			.contextWrite((context) -> Context.empty())
			.doOnSuccess((fresh) -> this.refreshing.set(null))
			.doOnError((ex) -> this.refreshing.set(null))
			.cache();
		return this.refreshing.compareAndSet(null, run) ? run : rotateIfDue();
	}

	private Mono<Snapshot> reloadRotateAndPrune() {
		Instant now = this.clock.instant();
		long slot = slot(now);
		return this.store.deleteRetiredBefore(now.minus(this.tokenLifetime).minus(this.skew))
			.then(load())
			.flatMap((loaded) -> {
				SigningKey signing = loaded.signing();
				if (signing != null && signing.slot() >= slot) {
					return Mono.just(loaded);
				}
				// A current key that does not decrypt (new key encryption key in a dev restart)
				// cannot sign; a key for the next free slot replaces it.
				long newSlot = (signing == null && !loaded.published().isEmpty())
						? Math.max(slot, loaded.published().get(0).slot() + 1) : slot;
				return this.crypto.run(() -> seal(SigningKey.generate(newSlot, now, this.random)))
					.flatMap((sealed) -> this.tx.transactional(this.store.insertAsCurrent(sealed)))
					.doOnNext((won) -> {
						if (won) {
							log.info("Rotated the access-token signing key (slot {})", newSlot);
						}
					})
					.then(load());
			})
			.doOnNext(this.snapshot::set);
	}

	private StoredKey seal(SigningKey key) {
		return new StoredKey(key.kid(), key.slot(), key.publicJwk().toJSONString(),
				this.encryption.seal(key.kid(), key.jwk().toJSONString()), key.createdAt(), null);
	}

	private Mono<Snapshot> load() {
		return this.store.findAll().collectList().flatMap((rows) -> this.crypto.run(() -> decode(rows)));
	}

	// Decryption is AES work: it runs on the crypto scheduler with the rest.
	private Snapshot decode(List<StoredKey> rows) throws ParseException {
		List<StoredKey> sorted = rows.stream().sorted(Comparator.comparingLong(StoredKey::slot).reversed()).toList();
		List<Published> published = new ArrayList<>();
		SigningKey signing = null;
		for (StoredKey row : sorted) {
			ECKey publicJwk = ECKey.parse(row.publicJwk());
			Instant until = (row.retiredAt() != null) ? row.retiredAt().plus(this.tokenLifetime).plus(this.skew) : null;
			published.add(new Published(row.kid(), row.slot(), publicJwk, until));
			if (published.size() == 1) {
				try {
					ECKey privateJwk = ECKey.parse(this.encryption.open(row.kid(), row.privateJwkSealed()));
					signing = new SigningKey(row.kid(), row.slot(), privateJwk, row.createdAt(), row.retiredAt());
				}
				catch (KeyDecryptionException ex) {
					log.error("Signing key {} does not decrypt with the configured key encryption key; "
							+ "a new one will be made. Give every replica the same CHORUS_MEMBER_KEY_ENCRYPTION_KEY.",
							row.kid());
				}
			}
		}
		return new Snapshot(List.copyOf(published), signing);
	}

	public long slot(Instant instant) {
		return Math.floorDiv(instant.toEpochMilli(), this.period.toMillis());
	}

	/** What this replica last loaded: published keys newest first, and the key it signs with. */
	public record Snapshot(List<Published> published, @Nullable SigningKey signing) {
	}

	/** A public key in the JWKS and until when it must stay there (null: current). */
	public record Published(String kid, long slot, ECKey jwk, @Nullable Instant verifiableUntil) {
	}

}
