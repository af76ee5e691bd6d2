package io.chorus.search.domain;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one normalisation used for indexing and for queries, so both sides always agree: Unicode
 * NFKD, combining marks removed (accents stripped: "Café" → "cafe"), recomposed (NFC, so Hangul
 * syllables stay whole), lower case (root locale), then split on anything that is not a letter or
 * a digit. Terms longer than
 * {@link #MAX_TERM_LENGTH} are cut to that length on both sides.
 */
public final class Text {

	/** Longer words are cut: keeps index entries bounded whatever a client posts. */
	public static final int MAX_TERM_LENGTH = 40;

	private static final Pattern MARKS = Pattern.compile("\\p{M}+");

	private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

	private Text() {
	}

	/** Normalised words of {@code text} in order, repeats kept. */
	public static List<String> tokens(String text) {
		String stripped = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("");
		String folded = Normalizer.normalize(stripped, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
		List<String> tokens = new ArrayList<>();
		for (String token : SEPARATORS.split(folded)) {
			if (!token.isEmpty()) {
				tokens.add(token.length() > MAX_TERM_LENGTH ? token.substring(0, MAX_TERM_LENGTH) : token);
			}
		}
		return tokens;
	}

	/** Distinct normalised words in first-seen order. */
	public static List<String> terms(String text) {
		return List.copyOf(new LinkedHashSet<>(tokens(text)));
	}

	/** The normalised words joined by single spaces (used for phrase and prefix checks). */
	public static String normalized(String text) {
		return String.join(" ", tokens(text));
	}

	/** How often each distinct word occurs. */
	public static Map<String, Integer> termFrequencies(List<String> tokens) {
		Map<String, Integer> tf = new LinkedHashMap<>();
		tokens.forEach((token) -> tf.merge(token, 1, Integer::sum));
		return tf;
	}

	/**
	 * Edge n-grams of every word: "daft punk" with {@code maxLength} 3 →
	 * {@code d, da, daf, p, pu, pun}. A query prefix longer than {@code maxLength} is looked up by
	 * its first {@code maxLength} characters and checked against the full terms afterwards.
	 */
	public static List<String> prefixes(List<String> terms, int maxLength) {
		Set<String> prefixes = new LinkedHashSet<>();
		for (String term : terms) {
			for (int length = 1; length <= Math.min(term.length(), maxLength); length++) {
				prefixes.add(term.substring(0, length));
			}
		}
		return List.copyOf(prefixes);
	}

}
