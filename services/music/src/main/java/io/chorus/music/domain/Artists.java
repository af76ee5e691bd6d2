package io.chorus.music.domain;

import java.time.Clock;
import java.time.Instant;

import io.chorus.music.events.MusicEvents;
import io.chorus.music.store.ArtistStore;
import io.chorus.music.store.ImageStore;
import io.chorus.music.store.TrackStore;
import io.chorus.platform.events.EventIds;
import io.chorus.platform.passport.Passport;
import io.chorus.platform.web.KeysetCursor;
import io.chorus.platform.web.ProblemException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.transaction.reactive.TransactionalOperator;

/** Artist pages: create, read, page, change and delete (owner or ADMIN), with their events. */
public class Artists {

	public static final int NAME_MAX = 100;

	public static final int BIO_MAX = 2000;

	public static final int PAGE_DEFAULT = 9;

	public static final int PAGE_MAX = 100;

	private final ArtistStore artists;

	private final TrackStore tracks;

	private final ImageStore images;

	private final MusicEvents events;

	private final TransactionalOperator tx;

	private final EventIds ids;

	private final Clock clock;

	public Artists(ArtistStore artists, TrackStore tracks, ImageStore images, MusicEvents events,
			TransactionalOperator tx, EventIds ids, Clock clock) {
		this.artists = artists;
		this.tracks = tracks;
		this.images = images;
		this.events = events;
		this.tx = tx;
		this.ids = ids;
		this.clock = clock;
	}

	public Mono<Artist> create(Passport me, @Nullable String name, @Nullable String bio, @Nullable String imageId) {
		return Mono.defer(() -> {
			Violations v = new Violations();
			String cleanName = v.requiredText("name", name, NAME_MAX);
			String cleanBio = v.optionalText("bio", bio, BIO_MAX);
			v.throwIfAny();
			Instant now = this.clock.instant();
			Artist artist = new Artist(this.ids.nextId(), me.memberId(), cleanName, cleanBio, imageId, now, now);
			return checkImage(me, imageId)
				.then(this.artists.insert(artist).then(this.events.artistPublished(artist)).as(this.tx::transactional))
				.thenReturn(artist);
		});
	}

	public Mono<Artist> get(String id) {
		return this.artists.find(id).switchIfEmpty(Mono.error(() -> notFound(id)));
	}

	public Mono<Page<Artist>> page(@Nullable String cursor, int limit) {
		return Mono.defer(() -> this.artists.page(Page.cursor(cursor), limit + 1)
			.collectList()
			.map((rows) -> Page.of(rows, limit, (a) -> new KeysetCursor(a.createdAt(), a.id()))));
	}

	public Mono<Page<Track>> tracksOf(String artistId, @Nullable String cursor, int limit) {
		return get(artistId).then(Mono.defer(() -> this.tracks.pageOfArtist(artistId, Page.cursor(cursor), limit + 1)
			.collectList()
			.map((rows) -> Page.of(rows, limit, (t) -> new KeysetCursor(t.createdAt(), t.id())))));
	}

	/**
	 * Applies a partial change: a null {@code name} keeps the name; {@code bio} and
	 * {@code imageId} change only when their {@code set} flag is true (null then clears them).
	 */
	public Mono<Artist> update(Passport me, String id, @Nullable String name, boolean bioSet, @Nullable String bio,
			boolean imageSet, @Nullable String imageId) {
		return Mono.defer(() -> {
			Violations v = new Violations();
			String cleanName = (name != null) ? v.requiredText("name", name, NAME_MAX) : null;
			String cleanBio = bioSet ? v.optionalText("bio", bio, BIO_MAX) : null;
			v.throwIfAny();
			return (imageSet ? checkImage(me, imageId) : Mono.<Void>empty())
				.then(this.artists.lock(id).switchIfEmpty(Mono.error(() -> notFound(id))).flatMap((current) -> {
					Access.requireOwnerOrAdmin(me, current.ownerId(), "artist");
					Artist changed = new Artist(current.id(), current.ownerId(),
							(cleanName != null) ? cleanName : current.name(), bioSet ? cleanBio : current.bio(),
							imageSet ? imageId : current.imageId(), current.createdAt(), this.clock.instant());
					return this.artists.update(changed).then(this.events.artistUpdated(changed)).thenReturn(changed);
				}).as(this.tx::transactional));
		});
	}

	/** Deletes the artist and its tracks (each track gets its own deleted event). */
	public Mono<Void> delete(Passport me, String id) {
		return this.artists.lock(id).switchIfEmpty(Mono.error(() -> notFound(id))).flatMap((current) -> {
			Access.requireOwnerOrAdmin(me, current.ownerId(), "artist");
			Instant now = this.clock.instant();
			return this.tracks.lockIdsOfArtist(id)
				.concatMap((trackId) -> this.tracks.markDeleted(trackId, now)
					.then(this.events.trackDeleted(trackId, id, now)))
				.then(this.artists.markDeleted(id, now))
				.then(this.events.artistDeleted(id, now));
		}).as(this.tx::transactional);
	}

	/** An image named by a member must exist and be theirs. */
	Mono<Void> checkImage(Passport me, @Nullable String imageId) {
		if (imageId == null) {
			return Mono.empty();
		}
		return this.images.find(imageId)
			.filter((image) -> Access.mayChange(me, image.ownerId()))
			.switchIfEmpty(Mono.error(() -> Violations.single("imageId", "no such image of yours")))
			.then();
	}

	static ProblemException notFound(String id) {
		return ProblemException.notFound("No artist " + id + ".");
	}

}
