package io.chorus.music.store;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.Objects;

import io.chorus.music.domain.Track;
import io.chorus.platform.sql.SqlTimes;
import io.chorus.platform.web.KeysetCursor;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** Track rows (with their artist's name); deleted ones are invisible to every read. */
@Repository
public class TrackStore {

	private static final String SELECT = "SELECT t.id, t.artist_id, a.name AS artist_name, t.owner_id, t.title, "
			+ "t.duration_ms, t.content_type, t.byte_size, t.file_name, t.cover_image_id, t.play_count, t.created_at, "
			+ "t.updated_at FROM track t JOIN artist a ON a.id = t.artist_id ";

	private final DatabaseClient db;

	public TrackStore(DatabaseClient db) {
		this.db = db;
	}

	public Mono<Void> insert(Track track) {
		return this.db
			.sql("INSERT INTO track (id, artist_id, owner_id, title, duration_ms, content_type, byte_size, file_name, "
					+ "cover_image_id, created_at, updated_at) VALUES (:id, :artist, :owner, :title, :duration, :type, "
					+ ":size, :file, :cover, :at, :at)")
			.bind("id", track.id())
			.bind("artist", track.artistId())
			.bind("owner", track.ownerId())
			.bind("title", track.title())
			.bind("duration", track.durationMs())
			.bind("type", track.contentType())
			.bind("size", track.byteSize())
			.bind("file", track.fileName())
			.bind("cover", Nulls.string(track.coverImageId()))
			.bind("at", SqlTimes.toDb(track.createdAt()))
			.then();
	}

	public Mono<Track> find(String id) {
		return this.db.sql(SELECT + "WHERE t.id = :id AND t.deleted_at IS NULL")
			.bind("id", id)
			.map(TrackStore::track)
			.first();
	}

	/** The row, locked until the transaction ends. */
	public Mono<Track> lock(String id) {
		return this.db.sql(SELECT + "WHERE t.id = :id AND t.deleted_at IS NULL FOR UPDATE")
			.bind("id", id)
			.map(TrackStore::track)
			.first();
	}

	/** Existing tracks among {@code ids}, in no particular order. */
	public Flux<Track> findAll(Collection<String> ids) {
		if (ids.isEmpty()) {
			return Flux.empty();
		}
		return this.db.sql(SELECT + "WHERE t.id IN (:ids) AND t.deleted_at IS NULL")
			.bind("ids", ids)
			.map(TrackStore::track)
			.all();
	}

	public Mono<Void> update(String id, String title, @Nullable String coverImageId, Instant at) {
		return this.db.sql("UPDATE track SET title = :title, cover_image_id = :cover, updated_at = :at WHERE id = :id")
			.bind("id", id)
			.bind("title", title)
			.bind("cover", Nulls.string(coverImageId))
			.bind("at", SqlTimes.toDb(at))
			.then();
	}

	public Mono<Void> markDeleted(String id, Instant at) {
		return this.db.sql("UPDATE track SET deleted_at = :at WHERE id = :id AND deleted_at IS NULL")
			.bind("id", id)
			.bind("at", SqlTimes.toDb(at))
			.then();
	}

	/** Ids of the artist's live tracks, locked (for deleting them with the artist). */
	public Flux<String> lockIdsOfArtist(String artistId) {
		return this.db.sql("SELECT id FROM track WHERE artist_id = :artist AND deleted_at IS NULL FOR UPDATE")
			.bind("artist", artistId)
			.map((row) -> Objects.requireNonNull(row.get("id", String.class)))
			.all();
	}

	/** The artist's tracks, newest first, after {@code cursor}. */
	public Flux<Track> pageOfArtist(String artistId, @Nullable KeysetCursor after, int limit) {
		String keyset = (after != null) ? " AND (t.created_at < :at OR (t.created_at = :at AND t.id < :id))" : "";
		DatabaseClient.GenericExecuteSpec spec = this.db
			.sql(SELECT + "WHERE t.artist_id = :artist AND t.deleted_at IS NULL" + keyset
					+ " ORDER BY t.created_at DESC, t.id DESC LIMIT :limit")
			.bind("artist", artistId)
			.bind("limit", limit);
		if (after != null) {
			spec = spec.bind("at", SqlTimes.toDb(after.createdAt())).bind("id", after.id());
		}
		return spec.map(TrackStore::track).all();
	}

	/**
	 * Bytes of audio the member has stored, deleted tracks included (their files stay on disk
	 * until a cleanup, see README): what counts against the storage quota.
	 */
	public Mono<Long> bytesOwnedBy(String ownerId) {
		return this.db.sql("SELECT COALESCE(SUM(byte_size), 0) AS n FROM track WHERE owner_id = :owner")
			.bind("owner", ownerId)
			.map((row) -> ((Number) Objects.requireNonNull(row.get("n"))).longValue())
			.one()
			.defaultIfEmpty(0L);
	}

	/** Atomic increment: concurrent plays never lose one. */
	public Mono<Void> incrementPlays(String id) {
		return this.db.sql("UPDATE track SET play_count = play_count + 1 WHERE id = :id").bind("id", id).then();
	}

	static Track track(Readable row) {
		return new Track(Objects.requireNonNull(row.get("id", String.class)),
				Objects.requireNonNull(row.get("artist_id", String.class)),
				Objects.requireNonNull(row.get("artist_name", String.class)),
				Objects.requireNonNull(row.get("owner_id", String.class)),
				Objects.requireNonNull(row.get("title", String.class)),
				Objects.requireNonNull(row.get("duration_ms", Long.class)),
				Objects.requireNonNull(row.get("content_type", String.class)),
				Objects.requireNonNull(row.get("byte_size", Long.class)),
				Objects.requireNonNull(row.get("file_name", String.class)), row.get("cover_image_id", String.class),
				Objects.requireNonNull(row.get("play_count", Long.class)),
				SqlTimes.fromDb(Objects.requireNonNull(row.get("created_at", LocalDateTime.class))),
				SqlTimes.fromDb(Objects.requireNonNull(row.get("updated_at", LocalDateTime.class))));
	}

}
