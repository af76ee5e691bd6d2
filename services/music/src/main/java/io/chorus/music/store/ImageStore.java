package io.chorus.music.store;

import java.time.LocalDateTime;
import java.util.Objects;

import io.chorus.music.domain.Image;
import io.chorus.platform.sql.SqlTimes;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** Image metadata; the bytes live in the media directory under the image's id. */
@Repository
public class ImageStore {

	private final DatabaseClient db;

	public ImageStore(DatabaseClient db) {
		this.db = db;
	}

	public Mono<Void> insert(Image image) {
		return this.db
			.sql("INSERT INTO image (id, owner_id, content_type, width, height, byte_size, created_at) "
					+ "VALUES (:id, :owner, :type, :w, :h, :size, :at)")
			.bind("id", image.id())
			.bind("owner", image.ownerId())
			.bind("type", image.contentType())
			.bind("w", image.width())
			.bind("h", image.height())
			.bind("size", image.byteSize())
			.bind("at", SqlTimes.toDb(image.createdAt()))
			.then();
	}

	public Mono<Image> find(String id) {
		return this.db
			.sql("SELECT id, owner_id, content_type, width, height, byte_size, created_at FROM image WHERE id = :id")
			.bind("id", id)
			.map((row) -> new Image(Objects.requireNonNull(row.get("id", String.class)),
					Objects.requireNonNull(row.get("owner_id", String.class)),
					Objects.requireNonNull(row.get("content_type", String.class)),
					Objects.requireNonNull(row.get("width", Integer.class)),
					Objects.requireNonNull(row.get("height", Integer.class)),
					Objects.requireNonNull(row.get("byte_size", Long.class)),
					SqlTimes.fromDb(Objects.requireNonNull(row.get("created_at", LocalDateTime.class)))))
			.first();
	}

}
