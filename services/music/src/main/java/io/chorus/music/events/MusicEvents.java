package io.chorus.music.events;

import java.time.Instant;

import io.chorus.music.domain.Artist;
import io.chorus.music.domain.Track;
import io.chorus.platform.events.CloudEvent;
import io.chorus.platform.events.CloudEventFactory;
import io.chorus.platform.events.outbox.Outbox;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Music's events on {@value #TOPIC}, exactly as {@code docs/events.md}, appended to the outbox
 * inside the caller's transaction (every method must run within it). Subject = the artist or
 * track the event is about.
 */
@Component
public class MusicEvents {

	public static final String TOPIC = "music.events";

	public static final String ARTIST_PUBLISHED = CloudEvent.type("music", "artist", "published");

	public static final String ARTIST_UPDATED = CloudEvent.type("music", "artist", "updated");

	public static final String ARTIST_DELETED = CloudEvent.type("music", "artist", "deleted");

	public static final String TRACK_PUBLISHED = CloudEvent.type("music", "track", "published");

	public static final String TRACK_UPDATED = CloudEvent.type("music", "track", "updated");

	public static final String TRACK_DELETED = CloudEvent.type("music", "track", "deleted");

	public static final String TRACK_PLAYED = CloudEvent.type("music", "track", "played");

	private final Outbox outbox;

	private final CloudEventFactory factory;

	public MusicEvents(Outbox outbox, CloudEventFactory factory) {
		this.outbox = outbox;
		this.factory = factory;
	}

	public Mono<Void> artistPublished(Artist a) {
		return append(ARTIST_PUBLISHED, a.id(),
				new ArtistPublished(a.id(), a.ownerId(), a.name(), a.bio(), a.imageId(), a.createdAt()));
	}

	public Mono<Void> artistUpdated(Artist a) {
		return append(ARTIST_UPDATED, a.id(),
				new ArtistUpdated(a.id(), a.ownerId(), a.name(), a.bio(), a.imageId(), a.updatedAt()));
	}

	public Mono<Void> artistDeleted(String artistId, Instant at) {
		return append(ARTIST_DELETED, artistId, new ArtistDeleted(artistId, at));
	}

	public Mono<Void> trackPublished(Track t) {
		return append(TRACK_PUBLISHED, t.id(), new TrackPublished(t.id(), t.artistId(), t.artistName(), t.ownerId(),
				t.title(), t.durationMs(), t.contentType(), t.coverImageId(), t.createdAt()));
	}

	public Mono<Void> trackUpdated(Track t) {
		return append(TRACK_UPDATED, t.id(), new TrackUpdated(t.id(), t.artistId(), t.artistName(), t.title(),
				t.durationMs(), t.coverImageId(), t.updatedAt()));
	}

	public Mono<Void> trackDeleted(String trackId, String artistId, Instant at) {
		return append(TRACK_DELETED, trackId, new TrackDeleted(trackId, artistId, at));
	}

	public Mono<Void> trackPlayed(String playId, String trackId, String artistId, String memberId, Instant at,
			long listenedMs) {
		return append(TRACK_PLAYED, trackId, new TrackPlayed(playId, trackId, artistId, memberId, at, listenedMs));
	}

	private Mono<Void> append(String type, String subject, Object data) {
		return Mono.defer(() -> this.outbox.append(TOPIC, this.factory.create(type, subject, data)));
	}

	/** {@code data} of {@code chorus.music.artist.published.v1}. */
	public record ArtistPublished(String artistId, String ownerId, String name, @Nullable String bio,
			@Nullable String imageId, Instant createdAt) {
	}

	/** {@code data} of {@code chorus.music.artist.updated.v1}. */
	public record ArtistUpdated(String artistId, String ownerId, String name, @Nullable String bio,
			@Nullable String imageId, Instant updatedAt) {
	}

	/** {@code data} of {@code chorus.music.artist.deleted.v1}. */
	public record ArtistDeleted(String artistId, Instant deletedAt) {
	}

	/** {@code data} of {@code chorus.music.track.published.v1}. */
	public record TrackPublished(String trackId, String artistId, String artistName, String ownerId, String title,
			long durationMs, String contentType, @Nullable String coverImageId, Instant createdAt) {
	}

	/** {@code data} of {@code chorus.music.track.updated.v1}. */
	public record TrackUpdated(String trackId, String artistId, String artistName, String title, long durationMs,
			@Nullable String coverImageId, Instant updatedAt) {
	}

	/** {@code data} of {@code chorus.music.track.deleted.v1}. */
	public record TrackDeleted(String trackId, String artistId, Instant deletedAt) {
	}

	/** {@code data} of {@code chorus.music.track.played.v1}; {@code playId} is unique per counted play. */
	public record TrackPlayed(String playId, String trackId, String artistId, String memberId, Instant playedAt,
			long listenedMs) {
	}

}
