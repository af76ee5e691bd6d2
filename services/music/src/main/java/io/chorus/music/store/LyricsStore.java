package io.chorus.music.store;

import java.util.List;
import java.util.Objects;

import io.chorus.music.domain.LyricsLine;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** A track's timed lyrics, replaced as a whole (in the caller's transaction). */
@Repository
public class LyricsStore {

	private final DatabaseClient db;

	public LyricsStore(DatabaseClient db) {
		this.db = db;
	}

	public Mono<Void> replace(String trackId, List<LyricsLine> lines) {
		Mono<Void> delete = this.db.sql("DELETE FROM lyrics_line WHERE track_id = :t").bind("t", trackId).then();
		return delete.then(Flux.range(0, lines.size())
			.concatMap((i) -> this.db
				.sql("INSERT INTO lyrics_line (track_id, line_no, start_ms, end_ms, text) VALUES (:t, :n, :s, :e, :x)")
				.bind("t", trackId)
				.bind("n", i)
				.bind("s", lines.get(i).startMs())
				.bind("e", lines.get(i).endMs())
				.bind("x", lines.get(i).text())
				.then())
			.then());
	}

	public Flux<LyricsLine> lines(String trackId) {
		return this.db.sql("SELECT start_ms, end_ms, text FROM lyrics_line WHERE track_id = :t ORDER BY line_no")
			.bind("t", trackId)
			.map((row) -> new LyricsLine(Objects.requireNonNull(row.get("start_ms", Long.class)),
					Objects.requireNonNull(row.get("end_ms", Long.class)),
					Objects.requireNonNull(row.get("text", String.class))))
			.all();
	}

}
