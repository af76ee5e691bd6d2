package io.chorus.content.store;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;

import io.chorus.content.domain.Comment;
import io.chorus.platform.sql.SqlTimes;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Comments, replies and their like sets. Callers lock the comment's post first (see
 * {@link PostStore#lock}), then the comment: always in that order, so two transactions never
 * wait on each other crosswise.
 */
@Repository
public class CommentStore {

	private static final String COLUMNS = "id, post_id, parent_id, author_id, text, like_count, version, created_at, "
			+ "updated_at, deleted_at";

	private final DatabaseClient db;

	public CommentStore(DatabaseClient db) {
		this.db = db;
	}

	public Mono<Void> insert(Comment comment) {
		DatabaseClient.GenericExecuteSpec spec = this.db
			.sql("INSERT INTO comment (id, post_id, parent_id, author_id, text, like_count, version, created_at, "
					+ "updated_at) VALUES (:id, :post, :parent, :author, :text, 0, :version, :at, :at)")
			.bind("id", comment.id())
			.bind("post", comment.postId())
			.bind("author", comment.authorId())
			.bind("text", comment.text())
			.bind("version", comment.version())
			.bind("at", SqlTimes.toDb(comment.createdAt()));
		return Binds.nullable(spec, "parent", comment.parentId()).then();
	}

	/** Which post a comment belongs to (immutable, so no lock needed), to lock that post first. */
	public Mono<String> postIdOf(String commentId) {
		return this.db.sql("SELECT post_id FROM comment WHERE id = :id")
			.bind("id", commentId)
			.map((row) -> Objects.requireNonNull(row.get("post_id", String.class)))
			.one();
	}

	/** The comment, deleted or not, with its row locked until the transaction ends. */
	public Mono<Comment> lock(String id) {
		return this.db.sql("SELECT " + COLUMNS + " FROM comment WHERE id = :id FOR UPDATE")
			.bind("id", id)
			.map(CommentStore::comment)
			.one();
	}

	public Mono<Void> update(String id, String text, Instant now) {
		return this.db.sql("UPDATE comment SET text = :text, updated_at = :now, version = version + 1 WHERE id = :id")
			.bind("id", id)
			.bind("text", text)
			.bind("now", SqlTimes.toDb(now))
			.then();
	}

	public Mono<Void> softDelete(String id, Instant now) {
		return this.db
			.sql("UPDATE comment SET deleted_at = :now, updated_at = :now, version = version + 1 "
					+ "WHERE id = :id AND deleted_at IS NULL")
			.bind("id", id)
			.bind("now", SqlTimes.toDb(now))
			.then();
	}

	/** Adds the like; true if it is new (and then like_count moved). */
	public Mono<Boolean> like(String commentId, String memberId, Instant now) {
		return this.db
			.sql("INSERT IGNORE INTO comment_like (comment_id, member_id, created_at) VALUES (:comment, :member, :now)")
			.bind("comment", commentId)
			.bind("member", memberId)
			.bind("now", SqlTimes.toDb(now))
			.fetch()
			.rowsUpdated()
			.flatMap((rows) -> (rows == 0) ? Mono.just(false) : adjustLikes(commentId, 1).thenReturn(true));
	}

	/** Removes the like; true if there was one (and then like_count moved). */
	public Mono<Boolean> unlike(String commentId, String memberId) {
		return this.db.sql("DELETE FROM comment_like WHERE comment_id = :comment AND member_id = :member")
			.bind("comment", commentId)
			.bind("member", memberId)
			.fetch()
			.rowsUpdated()
			.flatMap((rows) -> (rows == 0) ? Mono.just(false) : adjustLikes(commentId, -1).thenReturn(true));
	}

	private Mono<Void> adjustLikes(String commentId, int delta) {
		return this.db.sql("UPDATE comment SET like_count = like_count + :d WHERE id = :id")
			.bind("d", delta)
			.bind("id", commentId)
			.then();
	}

	static Comment comment(Readable row) {
		return new Comment(Objects.requireNonNull(row.get("id", String.class)),
				Objects.requireNonNull(row.get("post_id", String.class)), row.get("parent_id", String.class),
				Objects.requireNonNull(row.get("author_id", String.class)),
				Objects.requireNonNull(row.get("text", String.class)), PostStore.number(row, "like_count"),
				PostStore.number(row, "version"),
				SqlTimes.fromDb(Objects.requireNonNull(row.get("created_at", LocalDateTime.class))),
				SqlTimes.fromDb(Objects.requireNonNull(row.get("updated_at", LocalDateTime.class))),
				SqlTimes.fromDbNullable(row.get("deleted_at", LocalDateTime.class)));
	}

}
