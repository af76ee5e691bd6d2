package io.chorus.music.domain;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.chorus.music.events.MusicEvents;
import io.chorus.music.store.ArtistStore;
import io.chorus.music.store.MediaFiles;
import io.chorus.music.store.MediaFiles.Allowance;
import io.chorus.music.store.MediaFiles.Received;
import io.chorus.music.store.TrackStore;
import io.chorus.platform.events.EventIds;
import io.chorus.platform.passport.Passport;
import io.chorus.platform.web.ProblemException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Tracks: publishing an upload (file already streamed to a temporary file by the API layer),
 * reading, changing and deleting them. The file gets a generated name with the sniffed kind's
 * extension; the row and the published event commit together, and any failure removes the
 * files again, so an upload either fully exists or not at all.
 */
public class Tracks {

	public static final int TITLE_MAX = 200;

	private final TrackStore tracks;

	private final ArtistStore artists;

	private final Images images;

	private final MediaFiles files;

	private final MusicEvents events;

	private final TransactionalOperator tx;

	private final EventIds ids;

	private final Clock clock;

	private final Limits limits;

	public Tracks(TrackStore tracks, ArtistStore artists, Images images, MediaFiles files, MusicEvents events,
			TransactionalOperator tx, EventIds ids, Clock clock, Limits limits) {
		this.tracks = tracks;
		this.artists = artists;
		this.images = images;
		this.files = files;
		this.events = events;
		this.tx = tx;
		this.ids = ids;
		this.clock = clock;
		this.limits = limits;
	}

	/**
	 * @param memberQuota bytes of audio one member may store (deleted tracks count until cleaned up)
	 * @param probeTimeout how long reading an upload's duration and tags may take
	 */
	public record Limits(long memberQuota, Duration probeTimeout) {
	}

	/**
	 * Decides, from the form fields before the file part, whether and how much the member may
	 * upload: the artist must exist and be theirs (or they are admin), their quota must have room,
	 * and the media volume too. Runs before any byte of the file is read, so a stranger's or an
	 * over-quota upload costs no disk.
	 */
	public Mono<Allowance> admit(Passport me, Map<String, String> fields) {
		return Mono.defer(() -> {
			String artistId = fields.get("artistId");
			if (artistId == null || artistId.isBlank()) {
				return Mono.error(Violations.single("artistId", "is required, before the file part"));
			}
			return this.artists.find(artistId)
				.switchIfEmpty(Mono.error(() -> Violations.single("artistId", "no such artist")))
				.doOnNext((artist) -> Access.requireOwnerOrAdmin(me, artist.ownerId(), "artist"))
				.then(this.tracks.bytesOwnedBy(me.memberId()))
				.flatMap((used) -> {
					long quotaLeft = this.limits.memberQuota() - used;
					if (quotaLeft <= 0) {
						return Mono.error(overQuota(used));
					}
					return this.files.writableBytes()
						.map((space) -> (space < quotaLeft) ? new Allowance(space, MediaFiles::insufficientStorage)
								: new Allowance(quotaLeft, () -> overQuota(used)));
				});
		});
	}

	private ProblemException overQuota(long used) {
		return ProblemException.of(HttpStatus.CONTENT_TOO_LARGE)
			.detail("The upload does not fit in your storage quota (" + used + " of " + this.limits.memberQuota()
					+ " bytes used).")
			.error("file", "exceeds your storage quota")
			.build();
	}

	public static boolean acceptsHead(byte[] head) {
		return MediaKind.sniff(head).filter(MediaKind::isAudio).isPresent();
	}

	/** Publishes an upload; the received files are always consumed (moved or deleted). */
	public Mono<Track> publish(Passport me, Map<String, String> fields, @Nullable Received audio,
			@Nullable Received cover) {
		String id = this.ids.nextId();
		List<Path> cleanup = Collections.synchronizedList(new ArrayList<>());
		if (audio != null) {
			cleanup.add(audio.path());
		}
		if (cover != null) {
			cleanup.add(cover.path());
		}
		return Mono.defer(() -> {
			Violations v = new Violations();
			String artistId = v.requiredText("artistId", fields.get("artistId"), 36);
			String title = v.optionalText("title", fields.get("title"), TITLE_MAX);
			if (audio == null) {
				v.add("file", "is required");
			}
			v.throwIfAny();
			MediaKind kind = MediaKind.sniff(audio.head()).filter(MediaKind::isAudio).orElseThrow(Tracks::unsupported);
			String fileName = id + "." + kind.extension();
			Path target = this.files.track(fileName);
			cleanup.add(target);
			return this.artists.find(artistId)
				.switchIfEmpty(Mono.error(() -> Violations.single("artistId", "no such artist")))
				.doOnNext((artist) -> Access.requireOwnerOrAdmin(me, artist.ownerId(), "artist"))
				.flatMap((artist) -> this.files.move(audio.path(), target)
					.then(AudioProbe.probe(target, this.limits.probeTimeout())
						.onErrorMap((ex) -> !(ex instanceof ProblemException), (ex) -> unsupported()))
					.flatMap((info) -> {
						Track track = new Track(id, artist.id(), artist.name(), me.memberId(), title(title, info),
								info.durationMs(), kind.contentType(), audio.size(), fileName, null, 0,
								this.clock.instant(), this.clock.instant());
						return (cover != null) ? this.images.prepare(me, cover, "cover")
							.flatMap((image) -> store(withCover(track, image), image)) : store(track, null);
					}));
		}).onErrorResume((ex) -> this.files.delete(cleanup.toArray(Path[]::new)).then(Mono.error(ex)))
			// The client went away (the request is cancelled): the transaction rolls back unless it
			// had committed, so the files go unless the row is there.
			.doOnCancel(() -> this.tracks.find(id)
				.hasElement()
				.flatMap((committed) -> committed ? Mono.<Void>empty() : this.files.delete(cleanup.toArray(Path[]::new)))
				.subscribe(null, (ex) -> { }));
	}

	/** The row (and its cover's), and the published event, in one transaction. */
	private Mono<Track> store(Track track, @Nullable Image cover) {
		Mono<Void> insertCover = (cover != null) ? this.images.insert(cover) : Mono.empty();
		return insertCover.then(this.tracks.insert(track))
			.then(this.events.trackPublished(track))
			.as(this.tx::transactional)
			.thenReturn(track)
			.onErrorResume((ex) -> ((cover != null) ? this.images.discard(cover) : Mono.<Void>empty())
				.then(Mono.error(ex)));
	}

	/** The form's title, else the file's title tag; one of them is required. */
	private static String title(@Nullable String fromForm, AudioProbe.AudioInfo info) {
		if (fromForm != null) {
			return fromForm;
		}
		String tagged = new Violations().optionalText("title", info.title(), TITLE_MAX);
		if (tagged == null) {
			throw Violations.single("title", "must not be blank (the file has no title tag)");
		}
		return tagged;
	}

	private static Track withCover(Track t, Image cover) {
		return new Track(t.id(), t.artistId(), t.artistName(), t.ownerId(), t.title(), t.durationMs(),
				t.contentType(), t.byteSize(), t.fileName(), cover.id(), t.plays(), t.createdAt(), t.updatedAt());
	}

	public Mono<Track> get(String id) {
		return this.tracks.find(id).switchIfEmpty(Mono.error(() -> notFound(id)));
	}

	public Path file(Track track) {
		return this.files.track(track.fileName());
	}

	/** Changes the title and/or cover (owner or ADMIN). */
	public Mono<Track> update(Passport me, String id, @Nullable String title, boolean coverSet,
			@Nullable String coverImageId) {
		return Mono.defer(() -> {
			Violations v = new Violations();
			String cleanTitle = (title != null) ? v.requiredText("title", title, TITLE_MAX) : null;
			v.throwIfAny();
			Mono<Void> coverCheck = (coverSet && coverImageId != null) ? this.images.get(coverImageId)
				.onErrorMap((ex) -> Violations.single("coverImageId", "no such image of yours"))
				.filter((image) -> Access.mayChange(me, image.ownerId()))
				.switchIfEmpty(Mono.error(() -> Violations.single("coverImageId", "no such image of yours")))
				.then() : Mono.empty();
			return coverCheck.then(this.tracks.lock(id).switchIfEmpty(Mono.error(() -> notFound(id))).flatMap((t) -> {
				Access.requireOwnerOrAdmin(me, t.ownerId(), "track");
				Instant now = this.clock.instant();
				Track changed = new Track(t.id(), t.artistId(), t.artistName(), t.ownerId(),
						(cleanTitle != null) ? cleanTitle : t.title(), t.durationMs(), t.contentType(), t.byteSize(),
						t.fileName(), coverSet ? coverImageId : t.coverImageId(), t.plays(), t.createdAt(), now);
				return this.tracks.update(id, changed.title(), changed.coverImageId(), now)
					.then(this.events.trackUpdated(changed))
					.thenReturn(changed);
			}).as(this.tx::transactional));
		});
	}

	/** Deletes the track (owner or ADMIN); its file is kept until a cleanup (see README). */
	public Mono<Void> delete(Passport me, String id) {
		return this.tracks.lock(id).switchIfEmpty(Mono.error(() -> notFound(id))).flatMap((t) -> {
			Access.requireOwnerOrAdmin(me, t.ownerId(), "track");
			Instant now = this.clock.instant();
			return this.tracks.markDeleted(id, now).then(this.events.trackDeleted(id, t.artistId(), now));
		}).as(this.tx::transactional);
	}

	public static ProblemException notFound(String id) {
		return ProblemException.notFound("No track " + id + ".");
	}

	public static ProblemException unsupported() {
		return ProblemException.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.detail("The file is not audio this service accepts (MP3, FLAC, Ogg, WAV or M4A), judged by its content.")
			.error("file", "must be MP3, FLAC, Ogg, WAV or M4A audio")
			.build();
	}

}
