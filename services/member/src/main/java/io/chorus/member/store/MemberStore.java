package io.chorus.member.store;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import io.chorus.member.domain.Member;
import io.chorus.member.domain.MemberSummary;
import io.chorus.platform.sql.SqlTimes;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;

/** Accounts and profiles in the {@code member} table. */
@Repository
public class MemberStore {

	private static final String COLUMNS = "id, email, handle, display_name, bio, avatar_url, password_hash, roles, "
			+ "status, follower_count, following_count, created_at";

	private final DatabaseClient db;

	public MemberStore(DatabaseClient db) {
		this.db = db;
	}

	/** Fails with {@link DuplicateMemberException} if the email or handle is taken. */
	public Mono<Void> insert(Member member) {
		return this.db.sql("INSERT INTO member (" + COLUMNS + ", updated_at) VALUES (:id, :email, :handle, :displayName, "
				+ ":bio, :avatarUrl, :passwordHash, :roles, :status, 0, 0, :createdAt, :createdAt)")
			.bind("id", member.id())
			.bind("email", member.email())
			.bind("handle", member.handle())
			.bind("displayName", member.displayName())
			.bindNull("bio", String.class)
			.bindNull("avatarUrl", String.class)
			.bind("passwordHash", member.passwordHash())
			.bind("roles", String.join(",", member.roles()))
			.bind("status", member.status().name())
			.bind("createdAt", SqlTimes.toDb(member.createdAt()))
			.then()
			.onErrorMap(DuplicateMemberException::isDuplicate, DuplicateMemberException::from);
	}

	/** Which of {@code email} / {@code handle} already belong to some account (any status). */
	public Mono<List<String>> takenFields(String email, String handle) {
		return this.db.sql("SELECT email, handle FROM member WHERE email = :email OR handle = :handle")
			.bind("email", email)
			.bind("handle", handle)
			.map((row) -> Arrays.asList(email.equals(row.get("email", String.class)) ? "email" : null,
					handle.equals(row.get("handle", String.class)) ? "handle" : null))
			.all()
			.flatMapIterable((fields) -> fields.stream().filter(Objects::nonNull).toList())
			.distinct()
			.collectList();
	}

	public Mono<Member> findByEmail(String email) {
		return this.db.sql("SELECT " + COLUMNS + " FROM member WHERE email = :email")
			.bind("email", email)
			.map(MemberStore::member)
			.one();
	}

	public Mono<Member> findById(String id) {
		return this.db.sql("SELECT " + COLUMNS + " FROM member WHERE id = :id").bind("id", id).map(MemberStore::member).one();
	}

	public Mono<Member> findActiveById(String id) {
		return findById(id).filter(Member::active);
	}

	public Mono<Member> findActiveByHandle(String handle) {
		return this.db.sql("SELECT " + COLUMNS + " FROM member WHERE handle = :handle AND status = 'ACTIVE'")
			.bind("handle", handle)
			.map(MemberStore::member)
			.one();
	}

	/** Active members among {@code ids}, in one query. */
	public Flux<MemberSummary> findActiveSummaries(Collection<String> ids) {
		if (ids.isEmpty()) {
			return Flux.empty();
		}
		return this.db
			.sql("SELECT id, handle, display_name, avatar_url FROM member WHERE status = 'ACTIVE' AND id IN (:ids)")
			.bind("ids", List.copyOf(ids))
			.map(MemberStore::summary)
			.all();
	}

	/** Newest active members first, for recommendations. */
	public Flux<MemberSummary> newest(String excludingFollowsOf, int limit) {
		return this.db.sql("SELECT m.id, m.handle, m.display_name, m.avatar_url FROM member m "
				+ "WHERE m.status = 'ACTIVE' AND m.id <> :me AND NOT EXISTS (SELECT 1 FROM follow f "
				+ "WHERE f.follower_id = :me AND f.followee_id = m.id) ORDER BY m.created_at DESC, m.id DESC LIMIT :limit")
			.bind("me", excludingFollowsOf)
			.bind("limit", limit)
			.map(MemberStore::summary)
			.all();
	}

	/** Sets the given profile fields of an active member; true if it exists. */
	public Mono<Boolean> updateProfile(String id, String displayName, @Nullable String bio, @Nullable String avatarUrl,
			Instant now) {
		GenericExecuteSpec spec = this.db.sql("UPDATE member SET display_name = :displayName, bio = :bio, "
				+ "avatar_url = :avatarUrl, updated_at = :now WHERE id = :id AND status = 'ACTIVE'")
			.bind("id", id)
			.bind("displayName", displayName)
			.bind("now", SqlTimes.toDb(now));
		spec = (bio != null) ? spec.bind("bio", bio) : spec.bindNull("bio", String.class);
		spec = (avatarUrl != null) ? spec.bind("avatarUrl", avatarUrl) : spec.bindNull("avatarUrl", String.class);
		return spec.fetch().rowsUpdated().map((rows) -> rows > 0);
	}

	/** Fails with {@link DuplicateMemberException} if the handle is taken. */
	public Mono<Boolean> changeHandle(String id, String handle, Instant now) {
		return this.db.sql("UPDATE member SET handle = :handle, updated_at = :now WHERE id = :id AND status = 'ACTIVE'")
			.bind("id", id)
			.bind("handle", handle)
			.bind("now", SqlTimes.toDb(now))
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0)
			.onErrorMap(DuplicateMemberException::isDuplicate, DuplicateMemberException::from);
	}

	/** Marks an active member deactivated; false if there was none. */
	public Mono<Boolean> deactivate(String id, Instant now) {
		return this.db.sql("UPDATE member SET status = 'DEACTIVATED', deactivated_at = :now, updated_at = :now "
				+ "WHERE id = :id AND status = 'ACTIVE'")
			.bind("id", id)
			.bind("now", SqlTimes.toDb(now))
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

	static Member member(Readable row) {
		String roles = Objects.requireNonNull(row.get("roles", String.class));
		return new Member(get(row, "id"), get(row, "email"), get(row, "handle"), get(row, "display_name"),
				row.get("bio", String.class), row.get("avatar_url", String.class), get(row, "password_hash"),
				List.of(roles.split(",")), Member.Status.valueOf(get(row, "status")),
				Objects.requireNonNull(row.get("follower_count", Long.class)),
				Objects.requireNonNull(row.get("following_count", Long.class)),
				SqlTimes.fromDb(Objects.requireNonNull(row.get("created_at", LocalDateTime.class))));
	}

	static MemberSummary summary(Readable row) {
		return new MemberSummary(get(row, "id"), get(row, "handle"), get(row, "display_name"),
				row.get("avatar_url", String.class));
	}

	private static String get(Readable row, String column) {
		return Objects.requireNonNull(row.get(column, String.class), column);
	}

}
