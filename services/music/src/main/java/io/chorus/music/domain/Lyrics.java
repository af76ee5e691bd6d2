package io.chorus.music.domain;

import java.util.List;

import io.chorus.music.store.LyricsStore;
import io.chorus.music.store.TrackStore;
import io.chorus.platform.passport.Passport;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Timed lyrics: lines ordered by start, each with {@code 0 <= startMs < endMs <= duration},
 * never overlapping the next ({@code endMs <= next.startMs}). Replaced as a whole by the
 * track's owner (or ADMIN).
 */
public class Lyrics {

	public static final int LINES_MAX = 2000;

	public static final int TEXT_MAX = 500;

	private final LyricsStore lyrics;

	private final TrackStore tracks;

	private final TransactionalOperator tx;

	public Lyrics(LyricsStore lyrics, TrackStore tracks, TransactionalOperator tx) {
		this.lyrics = lyrics;
		this.tracks = tracks;
		this.tx = tx;
	}

	public Mono<List<LyricsLine>> get(String trackId) {
		return this.tracks.find(trackId)
			.switchIfEmpty(Mono.error(() -> Tracks.notFound(trackId)))
			.then(this.lyrics.lines(trackId).collectList());
	}

	public Mono<List<LyricsLine>> put(Passport me, String trackId, @Nullable List<@Nullable LyricsLine> lines) {
		return this.tracks.lock(trackId).switchIfEmpty(Mono.error(() -> Tracks.notFound(trackId))).flatMap((track) -> {
			Access.requireOwnerOrAdmin(me, track.ownerId(), "track");
			List<LyricsLine> valid = validate(lines, track.durationMs());
			return this.lyrics.replace(trackId, valid).thenReturn(valid);
		}).as(this.tx::transactional);
	}

	/** The lines, checked; a 400 naming every bad field otherwise. */
	static List<LyricsLine> validate(@Nullable List<@Nullable LyricsLine> lines, long durationMs) {
		Violations v = new Violations();
		if (lines == null) {
			v.add("lines", "is required").throwIfAny();
		}
		if (lines.size() > LINES_MAX) {
			v.add("lines", "must have at most " + LINES_MAX + " lines").throwIfAny();
		}
		LyricsLine previous = null;
		for (int i = 0; i < lines.size(); i++) {
			LyricsLine line = lines.get(i);
			String at = "lines[" + i + "]";
			if (line == null) {
				v.add(at, "must not be null");
				continue;
			}
			if (line.text() == null) {
				v.add(at + ".text", "is required");
			}
			else if (line.text().length() > TEXT_MAX) {
				v.add(at + ".text", "must be at most " + TEXT_MAX + " characters");
			}
			if (line.startMs() < 0) {
				v.add(at + ".startMs", "must not be negative");
			}
			if (line.endMs() <= line.startMs()) {
				v.add(at + ".endMs", "must be after startMs");
			}
			if (durationMs > 0 && line.endMs() > durationMs) {
				v.add(at + ".endMs", "must not be after the end of the track (" + durationMs + " ms)");
			}
			if (previous != null && line.startMs() < previous.startMs()) {
				v.add(at + ".startMs", "lines must be ordered by startMs");
			}
			else if (previous != null && line.startMs() < previous.endMs()) {
				v.add(at + ".startMs", "overlaps the previous line (which ends at " + previous.endMs() + ")");
			}
			previous = line;
		}
		v.throwIfAny();
		return List.copyOf(lines);
	}

}
