package io.chorus.search.domain;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RankingTests {

	private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	private static Candidate doc(String id, String text, int minutes) {
		IndexedText indexed = IndexedText.of(text);
		return new Candidate(id, T0.plusSeconds(60L * minutes), indexed.tf(), indexed.length(), indexed.normalized(),
				text, id);
	}

	private static List<String> ids(List<Ranking.Scored> ranked) {
		return ranked.stream().map((s) -> s.candidate().id()).toList();
	}

	@Test
	void moreMatchedWordsRankFirstThenNewer() {
		List<Candidate> docs = List.of(doc("old-both", "jazz night in seoul", 0), doc("new-one", "jazz only here", 9),
				doc("newer-both", "jazz night in busan", 5), doc("none", "rock concert", 10));

		List<Ranking.Scored> ranked = Ranking.rank(docs, Text.terms("jazz night"));

		assertThat(ids(ranked)).containsExactly("newer-both", "old-both", "new-one");
	}

	@Test
	void anExactPhraseBeatsScatteredWords() {
		List<Candidate> docs = List.of(doc("scattered", "night owls love jazz", 5),
				doc("phrase", "best jazz night ever", 0));

		assertThat(ids(Ranking.rank(docs, Text.terms("jazz night")))).containsExactly("phrase", "scattered");
	}

	@Test
	void frequencyCountsAndLongTextsAreNormalisedDown() {
		List<Candidate> docs = List.of(doc("long", "jazz " + "filler ".repeat(60), 9), doc("short", "jazz jazz", 0),
				doc("once", "jazz tonight", 5));

		assertThat(ids(Ranking.rank(docs, Text.terms("jazz")))).containsExactly("short", "once", "long");
	}

	@Test
	void equallyRelevantDocumentsAreOrderedNewestFirstThenById() {
		List<Candidate> docs = List.of(doc("b", "same words", 1), doc("a", "same words", 1), doc("c", "same words", 2));

		assertThat(ids(Ranking.rank(docs, Text.terms("same")))).containsExactly("c", "a", "b");
	}

	@Test
	void suggestionsKeepOnlyDocumentsWhereEveryWordIsAPrefixAndPreferLabelsStartingWithTheQuery() {
		List<Candidate> docs = List.of(doc("punk-daft", "Punk Daft Tribute", 9), doc("daft-punk", "Daft Punk", 0),
				doc("daft-punkers", "Daft Punkers Unite", 5), doc("daft-only", "Daft Bodies", 7));

		List<Candidate> suggested = Ranking.suggest(docs, Text.terms("daft pu"));

		assertThat(suggested).extracting(Candidate::id).containsExactly("daft-punk", "daft-punkers", "punk-daft");
	}

	@Test
	void suggestionsPreferWholeWordsThenShorterLabels() {
		List<Candidate> docs = List.of(doc("longer", "Blue Monday Extended", 9), doc("prefix", "Bluegrass", 8),
				doc("exact", "Blue", 0));

		List<Candidate> suggested = Ranking.suggest(docs, Text.terms("blue"));

		assertThat(suggested).extracting(Candidate::id).containsExactly("exact", "longer", "prefix");
	}

}
