package io.chorus.timeline.domain;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/** What the read endpoints answer. */
public final class Views {

	private Views() {
	}

	/** A page of a list: {@code nextCursor} is null on the last page. */
	public record Page<T>(List<T> items, @Nullable String nextCursor) {
	}

	/** How a post or comment shows its author (null fields until the profile has arrived). */
	public record Author(String id, @Nullable String handle, @Nullable String displayName,
			@Nullable String avatarUrl) {

		static Author of(Document doc) {
			String id = doc.getString("authorId");
			Document author = doc.get("author", Document.class);
			if (author == null) {
				return new Author(id, null, null, null);
			}
			return new Author(id, author.getString("handle"), author.getString("displayName"),
					author.getString("avatarUrl"));
		}

	}

	/**
	 * A post with its counters. {@code likedByMe} is present only for a caller with a passport;
	 * {@code score} only in rankings (likes or comments within the window).
	 */
	public record PostView(String id, String authorId, Author author, @Nullable String text, @Nullable String trackId,
			List<String> imageIds, Instant createdAt, @Nullable Instant updatedAt, long likeCount, long commentCount,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Boolean likedByMe,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long score) {

		public static PostView of(Document doc, @Nullable Boolean likedByMe, @Nullable Long score) {
			return new PostView(doc.getString("_id"), doc.getString("authorId"), Author.of(doc),
					doc.getString("text"), doc.getString("trackId"), strings(doc, "imageIds"),
					instant(doc.getDate("createdAt")), nullableInstant(doc.getDate("updatedAt")),
					number(doc, "likeCount"), number(doc, "commentCount"), likedByMe, score);
		}

	}

	/** A comment; top-level ones carry their first replies (the rest via {@code ?parentId=}). */
	public record CommentView(String id, String postId, @Nullable String parentId, String authorId, Author author,
			@Nullable String text, Instant createdAt, @Nullable Instant updatedAt, long likeCount, long replyCount,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<CommentView> replies) {

		public static CommentView of(Document doc, @Nullable List<CommentView> replies) {
			return new CommentView(doc.getString("_id"), doc.getString("postId"), doc.getString("parentId"),
					doc.getString("authorId"), Author.of(doc), doc.getString("text"),
					instant(doc.getDate("createdAt")), nullableInstant(doc.getDate("updatedAt")),
					number(doc, "likeCount"), number(doc, "replyCount"), replies);
		}

	}

	static long number(Document doc, String field) {
		Object value = doc.get(field);
		return (value instanceof Number n) ? n.longValue() : 0L;
	}

	static List<String> strings(Document doc, String field) {
		List<String> list = doc.getList(field, String.class);
		return (list != null) ? list : List.of();
	}

	static Instant instant(@Nullable Date date) {
		return (date != null) ? date.toInstant() : Instant.EPOCH;
	}

	static @Nullable Instant nullableInstant(@Nullable Date date) {
		return (date != null) ? date.toInstant() : null;
	}

}
