package io.chorus.content.store;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import io.chorus.content.domain.Post;
import io.chorus.platform.sql.SqlTimes;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Posts and their like set. Every method runs inside the caller's transaction; {@link #lock}
 * takes the post's row lock, which every change touching the post (its comments and likes
 * included) takes first: that serializes them, so the outbox rows of one post are written in
 * commit order.
 */
@Repository
public class PostStore {

	private static final String COLUMNS = "id, author_id, text, track_id, image_ids, like_count, comment_count, version, "
			+ "created_at, updated_at, deleted_at";

	private final DatabaseClient db;

	public PostStore(DatabaseClient db) {
		this.db = db;
	}

	public Mono<Void> insert(Post post) {
		DatabaseClient.GenericExecuteSpec spec = this.db
			.sql("INSERT INTO post (id, author_id, text, track_id, image_ids, like_count, comment_count, version, "
					+ "created_at, updated_at) VALUES (:id, :author, :text, :track, :images, 0, 0, :version, :at, :at)")
			.bind("id", post.id())
			.bind("author", post.authorId())
			.bind("text", post.text())
			.bind("version", post.version())
			.bind("at", SqlTimes.toDb(post.createdAt()));
		spec = Binds.nullable(spec, "track", post.trackId());
		spec = Binds.nullable(spec, "images", joinIds(post.imageIds()));
		return spec.then();
	}

	/** The post, deleted or not, with its row locked until the transaction ends. */
	public Mono<Post> lock(String id) {
		return this.db.sql("SELECT " + COLUMNS + " FROM post WHERE id = :id FOR UPDATE")
			.bind("id", id)
			.map(PostStore::post)
			.one();
	}

	/** Replaces the editable fields and bumps the version (the row must be locked). */
	public Mono<Void> update(String id, String text, @Nullable String trackId, List<String> imageIds, Instant now) {
		DatabaseClient.GenericExecuteSpec spec = this.db
			.sql("UPDATE post SET text = :text, track_id = :track, image_ids = :images, updated_at = :now, "
					+ "version = version + 1 WHERE id = :id")
			.bind("id", id)
			.bind("text", text)
			.bind("now", SqlTimes.toDb(now));
		spec = Binds.nullable(spec, "track", trackId);
		spec = Binds.nullable(spec, "images", joinIds(imageIds));
		return spec.then();
	}

	public Mono<Void> softDelete(String id, Instant now) {
		return this.db
			.sql("UPDATE post SET deleted_at = :now, updated_at = :now, version = version + 1 "
					+ "WHERE id = :id AND deleted_at IS NULL")
			.bind("id", id)
			.bind("now", SqlTimes.toDb(now))
			.then();
	}

	/** Adds the like; true if it is new (and then like_count moved). */
	public Mono<Boolean> like(String postId, String memberId, Instant now) {
		return this.db.sql("INSERT IGNORE INTO post_like (post_id, member_id, created_at) VALUES (:post, :member, :now)")
			.bind("post", postId)
			.bind("member", memberId)
			.bind("now", SqlTimes.toDb(now))
			.fetch()
			.rowsUpdated()
			.flatMap((rows) -> (rows == 0) ? Mono.just(false) : adjust("like_count", postId, 1).thenReturn(true));
	}

	/** Removes the like; true if there was one (and then like_count moved). */
	public Mono<Boolean> unlike(String postId, String memberId) {
		return this.db.sql("DELETE FROM post_like WHERE post_id = :post AND member_id = :member")
			.bind("post", postId)
			.bind("member", memberId)
			.fetch()
			.rowsUpdated()
			.flatMap((rows) -> (rows == 0) ? Mono.just(false) : adjust("like_count", postId, -1).thenReturn(true));
	}

	public Mono<Void> adjustCommentCount(String postId, int delta) {
		return adjust("comment_count", postId, delta);
	}

	private Mono<Void> adjust(String column, String postId, int delta) {
		return this.db.sql("UPDATE post SET " + column + " = " + column + " + :d WHERE id = :id")
			.bind("d", delta)
			.bind("id", postId)
			.then();
	}

	static @Nullable String joinIds(List<String> ids) {
		return ids.isEmpty() ? null : String.join(",", ids);
	}

	static List<String> splitIds(@Nullable String joined) {
		return (joined == null || joined.isEmpty()) ? List.of() : Arrays.asList(joined.split(","));
	}

	static Post post(Readable row) {
		return new Post(Objects.requireNonNull(row.get("id", String.class)),
				Objects.requireNonNull(row.get("author_id", String.class)),
				Objects.requireNonNull(row.get("text", String.class)), row.get("track_id", String.class),
				splitIds(row.get("image_ids", String.class)), number(row, "like_count"), number(row, "comment_count"),
				number(row, "version"), SqlTimes.fromDb(Objects.requireNonNull(row.get("created_at", LocalDateTime.class))),
				SqlTimes.fromDb(Objects.requireNonNull(row.get("updated_at", LocalDateTime.class))),
				SqlTimes.fromDbNullable(row.get("deleted_at", LocalDateTime.class)));
	}

	static long number(Readable row, String column) {
		return Objects.requireNonNull(row.get(column, Long.class));
	}

}
