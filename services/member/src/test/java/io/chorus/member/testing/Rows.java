package io.chorus.member.testing;

import java.util.Objects;

import org.springframework.r2dbc.core.DatabaseClient;

/** Counts rows straight from the database, to prove what was (not) written. Tests may block. */
public final class Rows {

	private final DatabaseClient db;

	public Rows(DatabaseClient db) {
		this.db = db;
	}

	public long count(String table) {
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

	/** member, follow, refresh_token, signing_key and outbox counts, to compare before and after. */
	public String snapshot() {
		return "member=" + count("member") + " follow=" + count("follow") + " refresh_token=" + count("refresh_token")
				+ " outbox=" + count("chorus_outbox");
	}

}
