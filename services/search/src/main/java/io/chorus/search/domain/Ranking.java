package io.chorus.search.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * In-memory ranking of a bounded candidate set.
 *
 * <p>Search order: number of distinct query words the document contains, then an exact-phrase
 * bonus (the query's words appear next to each other in order), then a BM25-style weight (term
 * frequency saturating, divided by a length norm, so a short text mentioning a word twice beats
 * a long one mentioning it once), then newer first, then id (stable pages).
 *
 * <p>Autocomplete order: the label (artist name, track title) starts with the query, then how
 * many query words are whole words of the document, then shorter labels, then newer, then id.
 */
public final class Ranking {

	/** BM25 defaults. */
	private static final double K1 = 1.2;

	private static final double B = 0.75;

	/** Assumed average text length in words (no corpus statistics are kept). */
	private static final double AVERAGE_LENGTH = 24;

	private Ranking() {
	}

	public record Scored(Candidate candidate, int matched, boolean phrase, double weight) {
	}

	public static List<Scored> rank(List<Candidate> candidates, List<String> queryTerms) {
		String phrase = " " + String.join(" ", queryTerms) + " ";
		return candidates.stream()
			.map((candidate) -> score(candidate, queryTerms, phrase))
			.filter((scored) -> scored.matched() > 0)
			.sorted(Comparator.comparingInt(Scored::matched)
				.reversed()
				.thenComparing(Scored::phrase, Comparator.reverseOrder())
				.thenComparing(Scored::weight, Comparator.reverseOrder())
				.thenComparing((Scored s) -> s.candidate().createdAt(), Comparator.reverseOrder())
				.thenComparing((Scored s) -> s.candidate().id()))
			.toList();
	}

	static Scored score(Candidate candidate, List<String> queryTerms, String phrase) {
		Map<String, Integer> tf = candidate.tf();
		double norm = K1 * (1 - B + B * Math.max(candidate.length(), 1) / AVERAGE_LENGTH);
		int matched = 0;
		double weight = 0;
		for (String term : queryTerms) {
			Integer frequency = tf.get(term);
			if (frequency != null && frequency > 0) {
				matched++;
				weight += frequency * (K1 + 1) / (frequency + norm);
			}
		}
		boolean phraseMatch = queryTerms.size() > 1 && (" " + candidate.normalized() + " ").contains(phrase);
		// rounded so that float noise never outranks recency between equally relevant documents
		return new Scored(candidate, matched, phraseMatch, Math.round(weight * 1e6) / 1e6);
	}

	/**
	 * Autocomplete: keeps the candidates in which every query word is the start of some word
	 * (the index lookup only checked the first {@code prefix-length} characters), best first.
	 */
	public static List<Candidate> suggest(List<Candidate> candidates, List<String> queryTokens) {
		String query = String.join(" ", queryTokens);
		return candidates.stream()
			.filter((candidate) -> queryTokens.stream()
				.allMatch((token) -> candidate.tf().keySet().stream().anyMatch((term) -> term.startsWith(token))))
			.sorted(Comparator.comparing((Candidate c) -> Text.normalized(c.label()).startsWith(query),
					Comparator.reverseOrder())
				.thenComparing((Candidate c) -> queryTokens.stream().filter(c.tf()::containsKey).count(),
						Comparator.reverseOrder())
				.thenComparingInt((Candidate c) -> c.label().length())
				.thenComparing(Candidate::createdAt, Comparator.reverseOrder())
				.thenComparing(Candidate::id))
			.toList();
	}

}
