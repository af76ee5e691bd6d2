package io.chorus.music.domain;

import java.util.Arrays;
import java.util.List;

import io.chorus.platform.web.FieldViolation;
import io.chorus.platform.web.ProblemException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LyricsTests {

	@Test
	void orderedNonOverlappingLinesPass() {
		List<LyricsLine> lines = List.of(new LyricsLine(0, 1000, "a"), new LyricsLine(1000, 2000, "b"),
				new LyricsLine(2500, 3000, ""));
		assertThat(Lyrics.validate(lines, 3000)).isEqualTo(lines);
	}

	@Test
	void everyBadFieldIsNamed() {
		List<LyricsLine> lines = Arrays.asList(new LyricsLine(-1, 500, "neg"), new LyricsLine(400, 900, "overlap"),
				new LyricsLine(100, 200, "unordered"), new LyricsLine(300, 300, "empty"), null,
				new LyricsLine(900, 5000, "past end"));
		assertThatExceptionOfType(ProblemException.class).isThrownBy(() -> Lyrics.validate(lines, 4000))
			.satisfies((ex) -> assertThat(ex.errors()).extracting(FieldViolation::field)
				.containsExactly("lines[0].startMs", "lines[1].startMs", "lines[2].startMs", "lines[3].endMs",
						"lines[4]", "lines[5].endMs"));
	}

	@Test
	void missingLinesAreRefused() {
		assertThatExceptionOfType(ProblemException.class).isThrownBy(() -> Lyrics.validate(null, 1000));
	}

	@Test
	void lrcParsesTimesSkipsTagsAndEndsLinesAtTheNextStart() {
		List<LyricsLine> lines = Lrc.parse("[ti:Song]\r\n[00:01.5]one\n\n[01:02.345] two \n[01:05]three", 70_000);

		assertThat(lines).containsExactly(new LyricsLine(1500, 62_345, "one"), new LyricsLine(62_345, 65_000, "two"),
				new LyricsLine(65_000, 70_000, "three"));
		assertThat(Lrc.format(lines)).isEqualTo("[00:01.50]one\n[01:02.34]two\n[01:05.00]three\n");
	}

	@Test
	void lrcWithAnUntimedLineIsRefused() {
		assertThatExceptionOfType(ProblemException.class).isThrownBy(() -> Lrc.parse("[00:01.00]ok\nno time", 5000));
	}

	@Test
	void playRule() {
		assertThat(Plays.qualifies(29_999, 600_000, 30_000)).isFalse();
		assertThat(Plays.qualifies(30_000, 600_000, 30_000)).isTrue();
		assertThat(Plays.qualifies(1_999, 4_000, 30_000)).isFalse();
		assertThat(Plays.qualifies(2_000, 4_000, 30_000)).isTrue();
		assertThat(Plays.qualifies(0, 0, 30_000)).isFalse();
	}

}
