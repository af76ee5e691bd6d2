package io.chorus.music.domain;

/** One timed line: shown from {@code startMs} (inclusive) to {@code endMs} (exclusive). */
public record LyricsLine(long startMs, long endMs, String text) {
}
