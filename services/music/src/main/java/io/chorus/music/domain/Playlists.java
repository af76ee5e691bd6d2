package io.chorus.music.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.chorus.music.store.PlaylistStore;
import io.chorus.music.store.TrackStore;
import io.chorus.platform.events.EventIds;
import io.chorus.platform.passport.Passport;
import io.chorus.platform.web.ProblemException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Playlists: ordered, duplicates allowed, changed only by their owner. Each change is one
 * transaction that first locks the playlist row, then shifts positions in SQL.
 */
public class Playlists {

	public static final int NAME_MAX = 100;

	public static final int ENTRIES_MAX = 1000;

	private final PlaylistStore playlists;

	private final TrackStore tracks;

	private final TransactionalOperator tx;

	private final EventIds ids;

	private final Clock clock;

	public Playlists(PlaylistStore playlists, TrackStore tracks, TransactionalOperator tx, EventIds ids, Clock clock) {
		this.playlists = playlists;
		this.tracks = tracks;
		this.tx = tx;
		this.ids = ids;
		this.clock = clock;
	}

	public Mono<Playlist> create(Passport me, @Nullable String name) {
		return Mono.defer(() -> {
			Violations v = new Violations();
			String clean = v.requiredText("name", name, NAME_MAX);
			v.throwIfAny();
			Instant now = this.clock.instant();
			Playlist playlist = new Playlist(this.ids.nextId(), me.memberId(), clean, 0, now, now);
			return this.playlists.insert(playlist).thenReturn(playlist);
		});
	}

	/** The playlist with its entries in order; an entry's track is empty once deleted. */
	public Mono<View> get(String id) {
		return this.playlists.find(id)
			.switchIfEmpty(Mono.error(() -> notFound(id)))
			.flatMap((playlist) -> this.playlists.entries(id).collectList().flatMap((entries) -> this.tracks
				.findAll(entries.stream().map(PlaylistEntry::trackId).distinct().toList())
				.collectMap(Track::id, Function.identity())
				.map((found) -> new View(playlist, entries.stream()
					.map((e) -> new Entry(e, Optional.ofNullable(found.get(e.trackId()))))
					.toList()))));
	}

	public Mono<PlaylistEntry> add(Passport me, String id, @Nullable String trackId) {
		return Mono.defer(() -> {
			if (trackId == null || trackId.isBlank()) {
				throw Violations.single("trackId", "is required");
			}
			return this.tracks.find(trackId)
				.switchIfEmpty(Mono.error(() -> Violations.single("trackId", "no such track")))
				.then(lockOwned(me, id).flatMap((playlist) -> {
					if (playlist.entryCount() >= ENTRIES_MAX) {
						throw ProblemException.conflict("A playlist holds at most " + ENTRIES_MAX + " entries.");
					}
					PlaylistEntry entry = new PlaylistEntry(this.ids.nextId(), playlist.entryCount(), trackId,
							this.clock.instant());
					return this.playlists.append(id, entry).thenReturn(entry);
				}).as(this.tx::transactional));
		});
	}

	public Mono<Void> move(Passport me, String id, @Nullable Integer from, @Nullable Integer to) {
		return Mono.defer(() -> {
			Violations v = new Violations();
			if (from == null) {
				v.add("from", "is required");
			}
			if (to == null) {
				v.add("to", "is required");
			}
			v.throwIfAny();
			return lockOwned(me, id).flatMap((playlist) -> {
				Violations range = new Violations();
				checkPosition(range, "from", from, playlist);
				checkPosition(range, "to", to, playlist);
				range.throwIfAny();
				if (from.intValue() == to.intValue()) {
					return Mono.<Void>empty();
				}
				return this.playlists.move(id, from, to, this.clock.instant());
			}).as(this.tx::transactional);
		});
	}

	public Mono<Void> remove(Passport me, String id, int position) {
		return lockOwned(me, id).flatMap((playlist) -> {
			if (position < 0 || position >= playlist.entryCount()) {
				return Mono.<Void>error(ProblemException.notFound("No entry at position " + position + "."));
			}
			return this.playlists.remove(id, position, this.clock.instant());
		}).as(this.tx::transactional);
	}

	private Mono<Playlist> lockOwned(Passport me, String id) {
		return this.playlists.lock(id).switchIfEmpty(Mono.error(() -> notFound(id))).doOnNext((playlist) -> {
			Access.requireOwner(me, playlist.ownerId(), "playlist");
		});
	}

	private static void checkPosition(Violations v, String field, int position, Playlist playlist) {
		if (position < 0 || position >= playlist.entryCount()) {
			v.add(field, "must be a position from 0 to " + (playlist.entryCount() - 1));
		}
	}

	static ProblemException notFound(String id) {
		return ProblemException.notFound("No playlist " + id + ".");
	}

	/** A playlist as shown. */
	public record View(Playlist playlist, List<Entry> entries) {
	}

	/** An entry with its track, if the track still exists. */
	public record Entry(PlaylistEntry entry, Optional<Track> track) {
	}

}
