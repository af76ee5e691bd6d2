package io.chorus.member.store;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;

import io.chorus.platform.sql.SqlTimes;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** Refresh tokens by SHA-256 hash; the token text itself is never stored. */
@Repository
public class RefreshTokenStore {

	private final DatabaseClient db;

	public RefreshTokenStore(DatabaseClient db) {
		this.db = db;
	}

	public Mono<Void> insert(String hash, String familyId, String memberId, Instant issuedAt, Instant expiresAt) {
		return this.db.sql("INSERT INTO refresh_token (token_hash, family_id, member_id, issued_at, expires_at, revoked) "
				+ "VALUES (:hash, :family, :member, :issued, :expires, FALSE)")
			.bind("hash", hash)
			.bind("family", familyId)
			.bind("member", memberId)
			.bind("issued", SqlTimes.toDb(issuedAt))
			.bind("expires", SqlTimes.toDb(expiresAt))
			.then();
	}

	public Mono<StoredRefreshToken> find(String hash) {
		return this.db.sql("SELECT family_id, member_id, expires_at, rotated_at, revoked FROM refresh_token "
				+ "WHERE token_hash = :hash")
			.bind("hash", hash)
			.map((row) -> new StoredRefreshToken(Objects.requireNonNull(row.get("family_id", String.class)),
					Objects.requireNonNull(row.get("member_id", String.class)),
					SqlTimes.fromDb(Objects.requireNonNull(row.get("expires_at", LocalDateTime.class))),
					SqlTimes.fromDbNullable(row.get("rotated_at", LocalDateTime.class)),
					Boolean.TRUE.equals(row.get("revoked", Boolean.class))))
			.one();
	}

	/**
	 * The single-winner step of a refresh: marks the token rotated only if nobody did before and
	 * it is neither revoked nor expired. True for exactly one caller per token.
	 */
	public Mono<Boolean> markRotated(String hash, Instant now) {
		return this.db.sql("UPDATE refresh_token SET rotated_at = :now WHERE token_hash = :hash "
				+ "AND rotated_at IS NULL AND revoked = FALSE AND expires_at > :now")
			.bind("hash", hash)
			.bind("now", SqlTimes.toDb(now))
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows == 1);
	}

	public Mono<Long> revokeFamily(String familyId) {
		return this.db.sql("UPDATE refresh_token SET revoked = TRUE WHERE family_id = :family AND revoked = FALSE")
			.bind("family", familyId)
			.fetch()
			.rowsUpdated();
	}

	public Mono<Long> revokeMember(String memberId) {
		return this.db.sql("UPDATE refresh_token SET revoked = TRUE WHERE member_id = :member AND revoked = FALSE")
			.bind("member", memberId)
			.fetch()
			.rowsUpdated();
	}

	/** A stored refresh token. */
	public record StoredRefreshToken(String familyId, String memberId, Instant expiresAt, @Nullable Instant rotatedAt,
			boolean revoked) {
	}

}
