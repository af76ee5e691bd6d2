package io.chorus.search.domain;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextTests {

	@Test
	void lowerCasesStripsAccentsAndSplitsOnAnythingButLettersAndDigits() {
		assertThat(Text.tokens("Café au LAIT, s'il-vous-plaît! Beyoncé_2024 #jazz"))
			.containsExactly("cafe", "au", "lait", "s", "il", "vous", "plait", "beyonce", "2024", "jazz");
	}

	@Test
	void queriesAndTextsNormaliseTheSameWay() {
		assertThat(Text.terms("ÉLAN Élan élan")).containsExactly("elan");
		assertThat(Text.tokens("Ｆｕｌｌｗｉｄｔｈ ﬁne")).containsExactly("fullwidth", "fine");
	}

	@Test
	void keepsNonLatinLettersWhole() {
		assertThat(Text.tokens("한국 음악 ROCK")).containsExactly("한국", "음악", "rock");
		assertThat(Text.tokens("Москва Ёлка")).containsExactly("москва", "елка");
	}

	@Test
	void nothingButSeparatorsHasNoTokens() {
		assertThat(Text.tokens("  ...!!! -- ")).isEmpty();
		assertThat(Text.tokens("")).isEmpty();
	}

	@Test
	void cutsVeryLongWords() {
		String word = "a".repeat(100);
		assertThat(Text.tokens(word)).containsExactly("a".repeat(Text.MAX_TERM_LENGTH));
	}

	@Test
	void countsTermFrequencies() {
		assertThat(Text.termFrequencies(Text.tokens("la la land LA"))).isEqualTo(Map.of("la", 3, "land", 1));
		IndexedText text = IndexedText.of("La la land");
		assertThat(text.terms()).containsExactly("la", "land");
		assertThat(text.length()).isEqualTo(3);
		assertThat(text.normalized()).isEqualTo("la la land");
	}

	@Test
	void prefixesAreEdgeNgramsOfEveryWordUpToTheMaximum() {
		assertThat(Text.prefixes(List.of("daft", "punk"), 3)).containsExactly("d", "da", "daf", "p", "pu", "pun");
		assertThat(Text.prefixes(List.of("ab", "abc"), 5)).containsExactly("a", "ab", "abc");
	}

}
