package io.chorus.music.domain;

import java.nio.file.Path;
import java.time.Clock;

import io.chorus.music.store.ImageStore;
import io.chorus.music.store.MediaFiles;
import io.chorus.music.store.MediaFiles.Received;
import io.chorus.platform.events.EventIds;
import io.chorus.platform.passport.Passport;
import io.chorus.platform.web.ProblemException;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;

/**
 * Avatars and covers: PNG or JPEG (by content), kept under a generated name with a PNG
 * thumbnail made off the event loop. Images never change, so they are served with long-lived
 * caching.
 */
public class Images {

	private final ImageStore images;

	private final MediaFiles files;

	private final EventIds ids;

	private final Clock clock;

	private final int thumbnailSize;

	private final long maxPixels;

	public Images(ImageStore images, MediaFiles files, EventIds ids, Clock clock, int thumbnailSize, long maxPixels) {
		this.images = images;
		this.files = files;
		this.ids = ids;
		this.clock = clock;
		this.thumbnailSize = thumbnailSize;
		this.maxPixels = maxPixels;
	}

	public static boolean acceptsHead(byte[] head) {
		return MediaKind.sniff(head).filter((k) -> !k.isAudio()).isPresent();
	}

	/** Stores an uploaded image on its own (no other change rides with it). */
	public Mono<Image> create(Passport me, Received received, String field) {
		return prepare(me, received, field).flatMap((image) -> this.images.insert(image)
			.thenReturn(image)
			.onErrorResume((ex) -> discard(image).then(Mono.error(ex))));
	}

	/**
	 * Puts the files in place and makes the thumbnail; the row is for the caller to insert
	 * (in its transaction) or {@link #discard} the files.
	 */
	public Mono<Image> prepare(Passport me, Received received, String field) {
		return Mono.defer(() -> {
			MediaKind kind = MediaKind.sniff(received.head())
				.filter((k) -> !k.isAudio())
				.orElseThrow(() -> unsupported(field));
			String id = this.ids.nextId();
			Path full = this.files.image(id, kind.extension(), false);
			Path thumb = this.files.image(id, kind.extension(), true);
			return this.files.move(received.path(), full)
				.then(Thumbnails.create(full, thumb, this.thumbnailSize, this.maxPixels))
				.map((d) -> new Image(id, me.memberId(), kind.contentType(), d.width(), d.height(), received.size(),
						this.clock.instant()))
				.onErrorResume((ex) -> this.files.delete(received.path(), full, thumb)
					.then(Mono.error((ex instanceof ProblemException) ? ex : unsupported(field))));
		});
	}

	public Mono<Void> insert(Image image) {
		return this.images.insert(image);
	}

	public Mono<Void> discard(Image image) {
		return this.files.delete(path(image, false), path(image, true));
	}

	public Mono<Image> get(String id) {
		return this.images.find(id).switchIfEmpty(Mono.error(() -> ProblemException.notFound("No image " + id + ".")));
	}

	public Path path(Image image, boolean thumbnail) {
		return this.files.image(image.id(), extension(image), thumbnail);
	}

	private static String extension(Image image) {
		return "image/png".equals(image.contentType()) ? "png" : "jpg";
	}

	public static ProblemException unsupported(String field) {
		return ProblemException.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.detail("The image is not a readable PNG or JPEG.")
			.error(field, "must be a PNG or JPEG image")
			.build();
	}

}
