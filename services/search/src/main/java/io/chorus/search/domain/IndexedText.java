package io.chorus.search.domain;

import java.util.List;
import java.util.Map;

/**
 * What the index keeps of a text: its distinct words (the indexed array the queries look up),
 * their frequencies and the text's length in words (for ranking), and the normalised text (for
 * the phrase bonus).
 */
public record IndexedText(List<String> terms, Map<String, Integer> tf, int length, String normalized) {

	public static IndexedText of(String text) {
		List<String> tokens = Text.tokens(text);
		Map<String, Integer> tf = Text.termFrequencies(tokens);
		return new IndexedText(List.copyOf(tf.keySet()), tf, tokens.size(), String.join(" ", tokens));
	}

}
