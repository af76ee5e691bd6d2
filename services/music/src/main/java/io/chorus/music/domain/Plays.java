package io.chorus.music.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.chorus.music.events.MusicEvents;
import io.chorus.music.store.PlayStore;
import io.chorus.music.store.PlayWindows;
import io.chorus.music.store.RecentTracks;
import io.chorus.music.store.TrackStore;
import io.chorus.platform.events.EventIds;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Play reports. A report counts when the member listened at least {@code countAfter} (30 s) or
 * half the track, and only once per member and track within the play window. A counted play is
 * a row, an atomic increment of the track's count and a played event, in one transaction.
 * Every valid report moves the track to the front of the member's recently played list.
 */
public class Plays {

	public static final long LISTENED_MAX = Duration.ofHours(24).toMillis();

	public static final int RECENT_MAX = 100;

	private final TrackStore tracks;

	private final PlayStore plays;

	private final PlayWindows windows;

	private final RecentTracks recent;

	private final MusicEvents events;

	private final TransactionalOperator tx;

	private final EventIds ids;

	private final Clock clock;

	private final long countAfterMs;

	public Plays(TrackStore tracks, PlayStore plays, PlayWindows windows, RecentTracks recent, MusicEvents events,
			TransactionalOperator tx, EventIds ids, Clock clock, Duration countAfter) {
		this.tracks = tracks;
		this.plays = plays;
		this.windows = windows;
		this.recent = recent;
		this.events = events;
		this.tx = tx;
		this.ids = ids;
		this.clock = clock;
		this.countAfterMs = countAfter.toMillis();
	}

	public Mono<PlayResult> report(String memberId, String trackId, @Nullable Long listenedMs) {
		return Mono.defer(() -> {
			if (listenedMs == null) {
				throw Violations.single("listenedMs", "is required");
			}
			if (listenedMs < 0 || listenedMs > LISTENED_MAX) {
				throw Violations.single("listenedMs", "must be from 0 to " + LISTENED_MAX);
			}
			return this.tracks.find(trackId)
				.switchIfEmpty(Mono.error(() -> Tracks.notFound(trackId)))
				.flatMap((track) -> this.recent.touch(memberId, trackId).then(count(memberId, track, listenedMs)));
		});
	}

	private Mono<PlayResult> count(String memberId, Track track, long listenedMs) {
		if (!qualifies(listenedMs, track.durationMs(), this.countAfterMs)) {
			return Mono.just(PlayResult.notCounted(Reason.TOO_SHORT));
		}
		String playId = this.ids.nextId();
		return this.windows.open(memberId, track.id(), playId).flatMap((opened) -> {
			if (!opened) {
				return Mono.just(PlayResult.notCounted(Reason.ALREADY_COUNTED_IN_WINDOW));
			}
			Instant now = this.clock.instant();
			return this.plays.insert(playId, track.id(), memberId, listenedMs, now)
				.then(this.tracks.incrementPlays(track.id()))
				.then(this.events.trackPlayed(playId, track.id(), track.artistId(), memberId, now, listenedMs))
				.as(this.tx::transactional)
				.thenReturn(new PlayResult(true, Reason.COUNTED, playId))
				.onErrorResume((ex) -> this.windows.release(memberId, track.id()).then(Mono.error(ex)));
		});
	}

	/** The rule: at least {@code countAfterMs}, or at least half of the track. */
	static boolean qualifies(long listenedMs, long durationMs, long countAfterMs) {
		return listenedMs >= countAfterMs || (durationMs > 0 && listenedMs * 2 >= durationMs);
	}

	/** The member's recently played tracks that still exist, newest first. */
	public Mono<List<Track>> recent(String memberId, int limit) {
		return this.recent.list(memberId, limit)
			.flatMap((trackIds) -> this.tracks.findAll(trackIds)
				.collectMap(Track::id, Function.identity())
				.map((found) -> ordered(trackIds, found)));
	}

	private static List<Track> ordered(List<String> ids, Map<String, Track> found) {
		return ids.stream().map(found::get).filter((t) -> t != null).collect(Collectors.toList());
	}

	public enum Reason {

		COUNTED, TOO_SHORT, ALREADY_COUNTED_IN_WINDOW

	}

	/** The answer to a play report. */
	public record PlayResult(boolean counted, Reason reason, @Nullable String playId) {

		static PlayResult notCounted(Reason reason) {
			return new PlayResult(false, reason, null);
		}

	}

}
