package io.chorus.content.testing;

import java.util.Objects;

import org.springframework.r2dbc.core.DatabaseClient;

/** Counts rows straight from the database, to prove what was (not) written. Tests may block. */
public final class Rows {

	private final DatabaseClient db;

	public Rows(DatabaseClient db) {
		this.db = db;
	}

	public long table(String table) {
		return count("SELECT COUNT(*) FROM " + table, new Object[0]);
	}

	public long count(String sql, Object... args) {
		DatabaseClient.GenericExecuteSpec spec = this.db.sql(sql);
		for (int i = 0; i < args.length; i++) {
			spec = spec.bind(i, args[i]);
		}
		Number n = spec.map((row) -> row.get(0, Number.class)).one().block();
		return Objects.requireNonNull(n).longValue();
	}

	/** Outbox rows of one post carrying {@code type}. */
	public long outbox(String postId, String type) {
		return count("SELECT COUNT(*) FROM chorus_outbox WHERE record_key = ? AND CAST(payload AS CHAR) LIKE ?", postId,
				"%\"type\":\"" + type + "\"%");
	}

	/** Every table the service writes, to compare before and after. */
	public String snapshot() {
		return "post=" + table("post") + " comment=" + table("comment") + " post_like=" + table("post_like")
				+ " comment_like=" + table("comment_like") + " outbox=" + table("chorus_outbox") + " versions="
				+ count("SELECT COALESCE(SUM(version), 0) FROM post") + "/"
				+ count("SELECT COALESCE(SUM(version), 0) FROM comment");
	}

}
