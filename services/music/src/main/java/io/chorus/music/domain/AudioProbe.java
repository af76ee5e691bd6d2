package io.chorus.music.domain;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.chorus.platform.web.ProblemException;
import org.jaudiotagger.audio.AudioFile;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.audio.AudioHeader;
import org.jaudiotagger.tag.FieldKey;
import org.jaudiotagger.tag.Tag;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpStatus;

/**
 * Reads duration and basic tags with jaudiotagger (blocking file I/O and parsing, so on
 * boundedElastic). jaudiotagger picks its reader by file extension: callers pass a file whose
 * generated name carries the sniffed kind's extension.
 */
public final class AudioProbe {

	// jaudiotagger logs every oddity at WARNING through java.util.logging; keep the reference so
	// the level sticks (JUL holds loggers weakly).
	private static final Logger JAUDIOTAGGER = Logger.getLogger("org.jaudiotagger");

	static {
		JAUDIOTAGGER.setLevel(Level.OFF);
	}

	private AudioProbe() {
	}

	/**
	 * Duration and tags, or an error if the file is not readable audio. A file that keeps the
	 * parser busy longer than {@code limit} (crafted to make it loop, or on a stalled volume) is
	 * given up as unreadable (415); its boundedElastic thread is left to finish on its own.
	 */
	public static Mono<AudioInfo> probe(Path file, Duration limit) {
		return probe(() -> read(file), limit);
	}

	static Mono<AudioInfo> probe(Callable<AudioInfo> reading, Duration limit) {
		return Mono.fromCallable(reading)
			.subscribeOn(Schedulers.boundedElastic())
			.timeout(limit, Mono.error(() -> ProblemException.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
				.detail("The audio file could not be read in time.")
				.error("file", "could not be read as audio within " + limit.toSeconds() + " s")
				.build()));
	}

	static AudioInfo read(Path file) throws Exception {
		AudioFile audio = AudioFileIO.read(file.toFile());
		AudioHeader header = audio.getAudioHeader();
		long durationMs = Math.round(header.getPreciseTrackLength() * 1000.0);
		if (durationMs <= 0) {
			throw new IllegalArgumentException("no duration");
		}
		Tag tag = audio.getTag();
		return new AudioInfo(durationMs, field(tag, FieldKey.TITLE), field(tag, FieldKey.ARTIST),
				field(tag, FieldKey.ALBUM));
	}

	private static @Nullable String field(@Nullable Tag tag, FieldKey key) {
		if (tag == null) {
			return null;
		}
		try {
			String value = tag.getFirst(key);
			return (value == null || value.isBlank()) ? null : value.strip();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/** What the file says about itself. */
	public record AudioInfo(long durationMs, @Nullable String title, @Nullable String artist, @Nullable String album) {
	}

}
