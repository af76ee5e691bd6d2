package io.chorus.member.store;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;

import io.chorus.member.domain.FollowEdge;
import io.chorus.member.domain.MemberSummary;
import io.chorus.platform.sql.SqlTimes;
import io.chorus.platform.web.KeysetCursor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * The follow graph. Counters on {@code member} change only by atomic {@code x = x ± 1} in the same
 * transaction as the edge (callers hold it), and only when the edge really changed, so repeats
 * are no-ops and concurrent follows never lose an increment.
 */
@Repository
public class FollowStore {

	private final DatabaseClient db;

	public FollowStore(DatabaseClient db) {
		this.db = db;
	}

	/** Adds the edge; true if it is new (and then the counters moved). */
	public Mono<Boolean> follow(String followerId, String followeeId, Instant now) {
		return this.db.sql("INSERT IGNORE INTO follow (follower_id, followee_id, created_at) VALUES (:a, :b, :now)")
			.bind("a", followerId)
			.bind("b", followeeId)
			.bind("now", SqlTimes.toDb(now))
			.fetch()
			.rowsUpdated()
			.flatMap((rows) -> (rows == 0) ? Mono.just(false) : adjustCounts(followerId, followeeId, 1).thenReturn(true));
	}

	/** Removes the edge; true if there was one. */
	public Mono<Boolean> unfollow(String followerId, String followeeId) {
		return this.db.sql("DELETE FROM follow WHERE follower_id = :a AND followee_id = :b")
			.bind("a", followerId)
			.bind("b", followeeId)
			.fetch()
			.rowsUpdated()
			.flatMap((rows) -> (rows == 0) ? Mono.just(false) : adjustCounts(followerId, followeeId, -1).thenReturn(true));
	}

	private Mono<Void> adjustCounts(String followerId, String followeeId, int delta) {
		return this.db.sql("UPDATE member SET following_count = following_count + :d WHERE id = :id")
			.bind("d", delta)
			.bind("id", followerId)
			.then()
			.then(this.db.sql("UPDATE member SET follower_count = follower_count + :d WHERE id = :id")
				.bind("d", delta)
				.bind("id", followeeId)
				.then());
	}

	/**
	 * Drops every edge of a deactivated member, adjusting the other side's counters first (one
	 * multi-table UPDATE per direction, still atomic increments).
	 */
	public Mono<Void> removeAllOf(String memberId) {
		return this.db
			.sql("UPDATE member m JOIN follow f ON m.id = f.followee_id SET m.follower_count = m.follower_count - 1 "
					+ "WHERE f.follower_id = :id")
			.bind("id", memberId)
			.then()
			.then(this.db.sql("UPDATE member m JOIN follow f ON m.id = f.follower_id "
					+ "SET m.following_count = m.following_count - 1 WHERE f.followee_id = :id")
				.bind("id", memberId)
				.then())
			.then(this.db.sql("DELETE FROM follow WHERE follower_id = :id OR followee_id = :id").bind("id", memberId).then())
			.then(this.db.sql("UPDATE member SET follower_count = 0, following_count = 0 WHERE id = :id")
				.bind("id", memberId)
				.then());
	}

	public Mono<Boolean> exists(String followerId, String followeeId) {
		return this.db.sql("SELECT 1 FROM follow WHERE follower_id = :a AND followee_id = :b")
			.bind("a", followerId)
			.bind("b", followeeId)
			.map((row) -> true)
			.first()
			.defaultIfEmpty(false);
	}

	/** Who follows {@code memberId}, newest first, after {@code cursor}. */
	public Flux<FollowEdge> followers(String memberId, @Nullable KeysetCursor after, int limit) {
		return page("followee_id", "follower_id", memberId, after, limit);
	}

	/** Whom {@code memberId} follows, newest first, after {@code cursor}. */
	public Flux<FollowEdge> followings(String memberId, @Nullable KeysetCursor after, int limit) {
		return page("follower_id", "followee_id", memberId, after, limit);
	}

	// Keyset paging: (created_at, other) strictly below the cursor, spelled out with OR so the
	// (owner, created_at, other) index serves it.
	private Flux<FollowEdge> page(String ownerColumn, String otherColumn, String memberId, @Nullable KeysetCursor after,
			int limit) {
		String keyset = (after != null)
				? " AND (f.created_at < :at OR (f.created_at = :at AND f." + otherColumn + " < :other))" : "";
		DatabaseClient.GenericExecuteSpec spec = this.db
			.sql("SELECT m.id, m.handle, m.display_name, m.avatar_url, f.created_at FROM follow f JOIN member m ON m.id = f."
					+ otherColumn + " WHERE f." + ownerColumn + " = :me" + keyset + " ORDER BY f.created_at DESC, f."
					+ otherColumn + " DESC LIMIT :limit")
			.bind("me", memberId)
			.bind("limit", limit);
		if (after != null) {
			spec = spec.bind("at", SqlTimes.toDb(after.createdAt())).bind("other", after.id());
		}
		return spec.map((row) -> new FollowEdge(MemberStore.summary(row),
				SqlTimes.fromDb(Objects.requireNonNull(row.get("created_at", LocalDateTime.class)))))
			.all();
	}

	/**
	 * Friends of friends: members followed by those {@code memberId} follows, not yet followed,
	 * ranked by how many of those follows lead to them.
	 */
	public Flux<MemberSummary> friendsOfFriends(String memberId, int limit) {
		return this.db.sql("SELECT m.id, m.handle, m.display_name, m.avatar_url, COUNT(*) AS mutual "
				+ "FROM follow f1 JOIN follow f2 ON f2.follower_id = f1.followee_id JOIN member m ON m.id = f2.followee_id "
				+ "WHERE f1.follower_id = :me AND f2.followee_id <> :me AND m.status = 'ACTIVE' "
				+ "AND NOT EXISTS (SELECT 1 FROM follow x WHERE x.follower_id = :me AND x.followee_id = f2.followee_id) "
				+ "GROUP BY m.id, m.handle, m.display_name, m.avatar_url ORDER BY mutual DESC, m.id LIMIT :limit")
			.bind("me", memberId)
			.bind("limit", limit)
			.map(MemberStore::summary)
			.all();
	}

}
