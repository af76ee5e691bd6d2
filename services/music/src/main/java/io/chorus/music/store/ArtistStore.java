package io.chorus.music.store;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;

import io.chorus.music.domain.Artist;
import io.chorus.platform.sql.SqlTimes;
import io.chorus.platform.web.KeysetCursor;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** Artist rows; deleted ones are invisible to every read. */
@Repository
public class ArtistStore {

	private static final String COLUMNS = "id, owner_id, name, bio, image_id, created_at, updated_at";

	private final DatabaseClient db;

	public ArtistStore(DatabaseClient db) {
		this.db = db;
	}

	public Mono<Void> insert(Artist artist) {
		return this.db.sql("INSERT INTO artist (" + COLUMNS + ") VALUES (:id, :owner, :name, :bio, :image, :at, :at)")
			.bind("id", artist.id())
			.bind("owner", artist.ownerId())
			.bind("name", artist.name())
			.bind("bio", Nulls.string(artist.bio()))
			.bind("image", Nulls.string(artist.imageId()))
			.bind("at", SqlTimes.toDb(artist.createdAt()))
			.then();
	}

	public Mono<Artist> find(String id) {
		return this.db.sql("SELECT " + COLUMNS + " FROM artist WHERE id = :id AND deleted_at IS NULL")
			.bind("id", id)
			.map(ArtistStore::artist)
			.first();
	}

	/** The row, locked until the transaction ends (callers hold one). */
	public Mono<Artist> lock(String id) {
		return this.db.sql("SELECT " + COLUMNS + " FROM artist WHERE id = :id AND deleted_at IS NULL FOR UPDATE")
			.bind("id", id)
			.map(ArtistStore::artist)
			.first();
	}

	public Mono<Void> update(Artist artist) {
		return this.db.sql("UPDATE artist SET name = :name, bio = :bio, image_id = :image, updated_at = :at WHERE id = :id")
			.bind("id", artist.id())
			.bind("name", artist.name())
			.bind("bio", Nulls.string(artist.bio()))
			.bind("image", Nulls.string(artist.imageId()))
			.bind("at", SqlTimes.toDb(artist.updatedAt()))
			.then();
	}

	public Mono<Void> markDeleted(String id, Instant at) {
		return this.db.sql("UPDATE artist SET deleted_at = :at WHERE id = :id")
			.bind("id", id)
			.bind("at", SqlTimes.toDb(at))
			.then();
	}

	/** Newest first, after {@code cursor}. */
	public Flux<Artist> page(@Nullable KeysetCursor after, int limit) {
		String keyset = (after != null) ? " AND (created_at < :at OR (created_at = :at AND id < :id))" : "";
		DatabaseClient.GenericExecuteSpec spec = this.db
			.sql("SELECT " + COLUMNS + " FROM artist WHERE deleted_at IS NULL" + keyset
					+ " ORDER BY created_at DESC, id DESC LIMIT :limit")
			.bind("limit", limit);
		if (after != null) {
			spec = spec.bind("at", SqlTimes.toDb(after.createdAt())).bind("id", after.id());
		}
		return spec.map(ArtistStore::artist).all();
	}

	static Artist artist(Readable row) {
		return new Artist(Objects.requireNonNull(row.get("id", String.class)),
				Objects.requireNonNull(row.get("owner_id", String.class)),
				Objects.requireNonNull(row.get("name", String.class)), row.get("bio", String.class),
				row.get("image_id", String.class),
				SqlTimes.fromDb(Objects.requireNonNull(row.get("created_at", LocalDateTime.class))),
				SqlTimes.fromDb(Objects.requireNonNull(row.get("updated_at", LocalDateTime.class))));
	}

}
