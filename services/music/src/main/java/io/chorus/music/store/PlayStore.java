package io.chorus.music.store;

import java.time.Instant;

import io.chorus.platform.sql.SqlTimes;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** Counted plays, one row per play id (the id the played event carries). */
@Repository
public class PlayStore {

	private final DatabaseClient db;

	public PlayStore(DatabaseClient db) {
		this.db = db;
	}

	public Mono<Void> insert(String playId, String trackId, String memberId, long listenedMs, Instant at) {
		return this.db
			.sql("INSERT INTO play (id, track_id, member_id, listened_ms, played_at) VALUES (:id, :track, :member, :ms, :at)")
			.bind("id", playId)
			.bind("track", trackId)
			.bind("member", memberId)
			.bind("ms", listenedMs)
			.bind("at", SqlTimes.toDb(at))
			.then();
	}

}
