package io.chorus.search.domain;

import java.util.List;

import io.chorus.search.store.SearchStore;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Search and autocomplete over the index. Both fetch a bounded candidate set through the indexed
 * word (or prefix) arrays and rank it in memory, so the cost of a query is bounded by the
 * candidate caps whatever the index size; relevance is exact within the candidates (for search:
 * the newest {@code candidateLimit} documents containing all query words plus the newest
 * {@code candidateLimit} containing any), and pages go no deeper than the candidate set.
 */
public final class Searches {

	private final SearchStore store;

	private final int candidateLimit;

	private final int suggestionCandidateLimit;

	public Searches(SearchStore store, int candidateLimit, int suggestionCandidateLimit) {
		this.store = store;
		this.candidateLimit = candidateLimit;
		this.suggestionCandidateLimit = suggestionCandidateLimit;
	}

	public int candidateLimit() {
		return this.candidateLimit;
	}

	/** One page of results and the cursor of the next one (absent on the last page). */
	public record Page(List<Object> items, @Nullable String nextCursor) {
	}

	public Mono<Page> search(SearchType type, List<String> terms, int offset, int limit) {
		return this.store.candidates(type, terms, this.candidateLimit).collectList().map((candidates) -> {
			List<Ranking.Scored> ranked = Ranking.rank(candidates, terms);
			int from = Math.min(offset, ranked.size());
			int to = Math.min(from + limit, ranked.size());
			List<Object> items = ranked.subList(from, to).stream().map((s) -> s.candidate().item()).toList();
			String next = (to < ranked.size())
					? new PageCursor(to, PageCursor.fingerprint(type, terms)).encode() : null;
			return new Page(items, next);
		});
	}

	public Mono<List<Object>> suggest(SearchType type, List<String> tokens, int limit) {
		return this.store.prefixCandidates(type, tokens, this.suggestionCandidateLimit)
			.collectList()
			.map((candidates) -> Ranking.suggest(candidates, tokens)
				.stream()
				.limit(limit)
				.map(Candidate::item)
				.toList());
	}

}
