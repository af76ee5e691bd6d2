package io.chorus.music.api;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import io.chorus.music.domain.Artist;
import io.chorus.music.domain.Image;
import io.chorus.music.domain.LyricsLine;
import io.chorus.music.domain.Page;
import io.chorus.music.domain.Playlists;
import io.chorus.music.domain.Track;
import io.chorus.music.domain.PlaylistEntry;
import org.jspecify.annotations.Nullable;

/** JSON shapes of requests and responses. */
final class Bodies {

	private Bodies() {
	}

	record NewArtist(@Nullable String name, @Nullable String bio, @Nullable String imageId) {
	}

	record NewPlaylist(@Nullable String name) {
	}

	record AddEntry(@Nullable String trackId) {
	}

	record Move(@Nullable Integer from, @Nullable Integer to) {
	}

	record PlayReport(@Nullable Long listenedMs) {
	}

	record LyricsBody(@Nullable List<@Nullable LyricsLine> lines) {
	}

	/** {@code {items, nextCursor}}. */
	record PageBody<T>(List<T> items, @Nullable String nextCursor) {

		static <S, T> PageBody<T> of(Page<S> page, Function<S, T> map) {
			return new PageBody<>(page.items().stream().map(map).toList(), page.nextCursor());
		}

		static <T> PageBody<T> all(List<T> items) {
			return new PageBody<>(items, null);
		}

	}

	record ArtistBody(String id, String ownerId, String name, @Nullable String bio, @Nullable String imageId,
			@Nullable String imageUrl, Instant createdAt, Instant updatedAt) {

		static ArtistBody of(Artist a) {
			return new ArtistBody(a.id(), a.ownerId(), a.name(), a.bio(), a.imageId(),
					(a.imageId() != null) ? "/api/images/" + a.imageId() : null, a.createdAt(), a.updatedAt());
		}

	}

	/** The artist page: the artist and the first page of their tracks. */
	record ArtistPageBody(String id, String ownerId, String name, @Nullable String bio, @Nullable String imageId,
			@Nullable String imageUrl, Instant createdAt, Instant updatedAt, PageBody<TrackBody> tracks) {

		static ArtistPageBody of(Artist a, Page<Track> tracks) {
			ArtistBody b = ArtistBody.of(a);
			return new ArtistPageBody(b.id(), b.ownerId(), b.name(), b.bio(), b.imageId(), b.imageUrl(),
					b.createdAt(), b.updatedAt(), PageBody.of(tracks, TrackBody::of));
		}

	}

	record TrackBody(String id, String trackId, String artistId, String artistName, String ownerId, String title,
			long durationMs, String contentType, long byteSize, @Nullable String coverImageId, @Nullable String coverUrl,
			String streamUrl, long plays, Instant createdAt, Instant updatedAt) {

		static TrackBody of(Track t) {
			return new TrackBody(t.id(), t.id(), t.artistId(), t.artistName(), t.ownerId(), t.title(), t.durationMs(),
					t.contentType(), t.byteSize(), t.coverImageId(),
					(t.coverImageId() != null) ? "/api/tracks/" + t.id() + "/cover" : null,
					"/api/tracks/" + t.id() + "/stream", t.plays(), t.createdAt(), t.updatedAt());
		}

	}

	record ImageBody(String id, String ownerId, String contentType, int width, int height, long byteSize, String url,
			String thumbnailUrl, Instant createdAt) {

		static ImageBody of(Image i) {
			return new ImageBody(i.id(), i.ownerId(), i.contentType(), i.width(), i.height(), i.byteSize(),
					"/api/images/" + i.id(), "/api/images/" + i.id() + "?size=thumb", i.createdAt());
		}

	}

	record EntryBody(int position, String entryId, String trackId, Instant addedAt, @Nullable TrackBody track) {

		static EntryBody of(PlaylistEntry e, @Nullable Track track) {
			return new EntryBody(e.position(), e.id(), e.trackId(), e.addedAt(),
					(track != null) ? TrackBody.of(track) : null);
		}

	}

	record PlaylistBody(String id, String ownerId, String name, int entryCount, Instant createdAt, Instant updatedAt,
			List<EntryBody> entries) {

		static PlaylistBody of(Playlists.View view) {
			var p = view.playlist();
			return new PlaylistBody(p.id(), p.ownerId(), p.name(), p.entryCount(), p.createdAt(), p.updatedAt(),
					view.entries().stream().map((e) -> EntryBody.of(e.entry(), e.track().orElse(null))).toList());
		}

	}

}
