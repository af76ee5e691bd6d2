package io.chorus.music.store;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;

import io.chorus.music.domain.Playlist;
import io.chorus.music.domain.PlaylistEntry;
import io.chorus.platform.sql.SqlTimes;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Playlists and their entries. Every change runs in the caller's transaction after
 * {@link #lock} took the playlist row, so changes to one playlist are serialised. Positions
 * shift with single set-based UPDATEs whose ORDER BY walks the range so that the unique key
 * (playlist_id, position) never sees two rows on one position; nothing is read and rewritten.
 */
@Repository
public class PlaylistStore {

	private static final String COLUMNS = "id, owner_id, name, entry_count, created_at, updated_at";

	/** Parking spot for the entry being moved (positions are never negative otherwise). */
	private static final int PARKED = -1;

	private final DatabaseClient db;

	public PlaylistStore(DatabaseClient db) {
		this.db = db;
	}

	public Mono<Void> insert(Playlist playlist) {
		return this.db.sql("INSERT INTO playlist (" + COLUMNS + ") VALUES (:id, :owner, :name, 0, :at, :at)")
			.bind("id", playlist.id())
			.bind("owner", playlist.ownerId())
			.bind("name", playlist.name())
			.bind("at", SqlTimes.toDb(playlist.createdAt()))
			.then();
	}

	public Mono<Playlist> find(String id) {
		return this.db.sql("SELECT " + COLUMNS + " FROM playlist WHERE id = :id")
			.bind("id", id)
			.map(PlaylistStore::playlist)
			.first();
	}

	/** The playlist row, locked until the transaction ends. */
	public Mono<Playlist> lock(String id) {
		return this.db.sql("SELECT " + COLUMNS + " FROM playlist WHERE id = :id FOR UPDATE")
			.bind("id", id)
			.map(PlaylistStore::playlist)
			.first();
	}

	public Flux<PlaylistEntry> entries(String playlistId) {
		return this.db
			.sql("SELECT id, position, track_id, added_at FROM playlist_entry WHERE playlist_id = :p ORDER BY position")
			.bind("p", playlistId)
			.map((row) -> new PlaylistEntry(Objects.requireNonNull(row.get("id", String.class)),
					Objects.requireNonNull(row.get("position", Integer.class)),
					Objects.requireNonNull(row.get("track_id", String.class)),
					SqlTimes.fromDb(Objects.requireNonNull(row.get("added_at", LocalDateTime.class)))))
			.all();
	}

	/** Appends at {@code position} (= the locked entry count). */
	public Mono<Void> append(String playlistId, PlaylistEntry entry) {
		return this.db
			.sql("INSERT INTO playlist_entry (id, playlist_id, position, track_id, added_at) VALUES (:id, :p, :pos, :t, :at)")
			.bind("id", entry.id())
			.bind("p", playlistId)
			.bind("pos", entry.position())
			.bind("t", entry.trackId())
			.bind("at", SqlTimes.toDb(entry.addedAt()))
			.then()
			.then(adjustCount(playlistId, 1, entry.addedAt()));
	}

	/** Moves the entry at {@code from} to {@code to}; both are valid positions, from != to. */
	public Mono<Void> move(String playlistId, int from, int to, Instant at) {
		Mono<Void> shift = (from < to)
				? this.db
					.sql("UPDATE playlist_entry SET position = position - 1 WHERE playlist_id = :p "
							+ "AND position BETWEEN :lo AND :hi ORDER BY position ASC")
					.bind("p", playlistId)
					.bind("lo", from + 1)
					.bind("hi", to)
					.then()
				: this.db
					.sql("UPDATE playlist_entry SET position = position + 1 WHERE playlist_id = :p "
							+ "AND position BETWEEN :lo AND :hi ORDER BY position DESC")
					.bind("p", playlistId)
					.bind("lo", to)
					.bind("hi", from - 1)
					.then();
		return setPosition(playlistId, from, PARKED).then(shift)
			.then(setPosition(playlistId, PARKED, to))
			.then(adjustCount(playlistId, 0, at));
	}

	/** Removes the entry at {@code position} and closes the gap. */
	public Mono<Void> remove(String playlistId, int position, Instant at) {
		return this.db.sql("DELETE FROM playlist_entry WHERE playlist_id = :p AND position = :pos")
			.bind("p", playlistId)
			.bind("pos", position)
			.then()
			.then(this.db
				.sql("UPDATE playlist_entry SET position = position - 1 WHERE playlist_id = :p AND position > :pos "
						+ "ORDER BY position ASC")
				.bind("p", playlistId)
				.bind("pos", position)
				.then())
			.then(adjustCount(playlistId, -1, at));
	}

	private Mono<Void> setPosition(String playlistId, int from, int to) {
		return this.db.sql("UPDATE playlist_entry SET position = :to WHERE playlist_id = :p AND position = :from")
			.bind("p", playlistId)
			.bind("from", from)
			.bind("to", to)
			.fetch()
			.rowsUpdated()
			.flatMap((n) -> (n == 1) ? Mono.<Void>empty()
					: Mono.error(new IllegalStateException("playlist " + playlistId + " has no entry at " + from)));
	}

	private Mono<Void> adjustCount(String playlistId, int delta, Instant at) {
		return this.db.sql("UPDATE playlist SET entry_count = entry_count + :d, updated_at = :at WHERE id = :p")
			.bind("p", playlistId)
			.bind("d", delta)
			.bind("at", SqlTimes.toDb(at))
			.then();
	}

	static Playlist playlist(Readable row) {
		return new Playlist(Objects.requireNonNull(row.get("id", String.class)),
				Objects.requireNonNull(row.get("owner_id", String.class)),
				Objects.requireNonNull(row.get("name", String.class)),
				Objects.requireNonNull(row.get("entry_count", Integer.class)),
				SqlTimes.fromDb(Objects.requireNonNull(row.get("created_at", LocalDateTime.class))),
				SqlTimes.fromDb(Objects.requireNonNull(row.get("updated_at", LocalDateTime.class))));
	}

}
