package io.chorus.music.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The LRC text format: {@code [mm:ss.xx]text} per line. LRC has start times only: on import a
 * line ends where the next begins, the last one at the track's end; metadata tags such as
 * {@code [ar:...]} and blank lines are skipped. Export writes centiseconds.
 */
public final class Lrc {

	private static final Pattern TIMED = Pattern.compile("^\\[(\\d{1,3}):(\\d{2})(?:[.:](\\d{1,3}))?](.*)$");

	private static final Pattern TAG = Pattern.compile("^\\[[a-zA-Z#]+:.*]$");

	private Lrc() {
	}

	public static List<LyricsLine> parse(String text, long durationMs) {
		List<long[]> starts = new ArrayList<>();
		List<String> texts = new ArrayList<>();
		String[] rows = text.split("\\r?\\n|\\r");
		for (int i = 0; i < rows.length; i++) {
			String row = rows[i].strip();
			if (row.isEmpty() || TAG.matcher(row).matches() && !TIMED.matcher(row).matches()) {
				continue;
			}
			Matcher m = TIMED.matcher(row);
			if (!m.matches()) {
				throw Violations.single("lines[" + texts.size() + "]", "line " + (i + 1) + " is not [mm:ss.xx]text");
			}
			long minutes = Long.parseLong(m.group(1));
			long seconds = Long.parseLong(m.group(2));
			String fraction = (m.group(3) != null) ? m.group(3) : "0";
			long fractionMs = switch (fraction.length()) {
				case 1 -> Long.parseLong(fraction) * 100;
				case 2 -> Long.parseLong(fraction) * 10;
				default -> Long.parseLong(fraction);
			};
			starts.add(new long[] { minutes * 60_000 + seconds * 1000 + fractionMs });
			texts.add(m.group(4).strip());
		}
		List<LyricsLine> lines = new ArrayList<>();
		for (int i = 0; i < texts.size(); i++) {
			long start = starts.get(i)[0];
			long end = (i + 1 < texts.size()) ? starts.get(i + 1)[0] : Math.max(durationMs, start + 1);
			lines.add(new LyricsLine(start, end, texts.get(i)));
		}
		return lines;
	}

	public static String format(List<LyricsLine> lines) {
		StringBuilder out = new StringBuilder();
		for (LyricsLine line : lines) {
			long ms = line.startMs();
			out.append(String.format("[%02d:%02d.%02d]%s\n", ms / 60_000, (ms / 1000) % 60, (ms % 1000) / 10,
					line.text()));
		}
		return out.toString();
	}

}
