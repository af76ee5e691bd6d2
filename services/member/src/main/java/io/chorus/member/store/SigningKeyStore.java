package io.chorus.member.store;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;

import io.chorus.platform.sql.SqlTimes;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** Signing keys as rows; the private part arrives here already encrypted. */
@Repository
public class SigningKeyStore {

	private final DatabaseClient db;

	public SigningKeyStore(DatabaseClient db) {
		this.db = db;
	}

	/** Every stored key, newest slot first. */
	public Flux<StoredKey> findAll() {
		return this.db.sql("SELECT kid, slot, public_jwk, private_jwk_enc, created_at, retired_at FROM signing_key "
				+ "ORDER BY slot DESC")
			.map((row) -> new StoredKey(Objects.requireNonNull(row.get("kid", String.class)),
					Objects.requireNonNull(row.get("slot", Long.class)),
					Objects.requireNonNull(row.get("public_jwk", String.class)),
					Objects.requireNonNull(row.get("private_jwk_enc", String.class)),
					SqlTimes.fromDb(Objects.requireNonNull(row.get("created_at", LocalDateTime.class))),
					SqlTimes.fromDbNullable(row.get("retired_at", LocalDateTime.class))))
			.all();
	}

	/**
	 * Inserts {@code key} for its slot and retires every older current key. Must run in a
	 * transaction. Emits false, with nothing changed, when another replica already made this
	 * slot's key (the unique key on {@code slot} decides).
	 */
	public Mono<Boolean> insertAsCurrent(StoredKey key) {
		return this.db.sql("INSERT INTO signing_key (kid, slot, public_jwk, private_jwk_enc, created_at) "
				+ "VALUES (:kid, :slot, :pub, :priv, :created)")
			.bind("kid", key.kid())
			.bind("slot", key.slot())
			.bind("pub", key.publicJwk())
			.bind("priv", key.privateJwkSealed())
			.bind("created", SqlTimes.toDb(key.createdAt()))
			.then()
			.then(this.db.sql("UPDATE signing_key SET retired_at = :now WHERE retired_at IS NULL AND slot < :slot")
				.bind("now", SqlTimes.toDb(key.createdAt()))
				.bind("slot", key.slot())
				.then())
			.thenReturn(true)
			.onErrorResume(DataIntegrityViolationException.class, (ex) -> Mono.just(false));
	}

	/** Deletes keys retired before {@code cutoff}: no token they signed can still be alive. */
	public Mono<Long> deleteRetiredBefore(Instant cutoff) {
		return this.db.sql("DELETE FROM signing_key WHERE retired_at IS NOT NULL AND retired_at < :cutoff")
			.bind("cutoff", SqlTimes.toDb(cutoff))
			.fetch()
			.rowsUpdated();
	}

	/** A stored key. */
	public record StoredKey(String kid, long slot, String publicJwk, String privateJwkSealed, Instant createdAt,
			@Nullable Instant retiredAt) {
	}

}
