package io.chorus.search.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.chorus.platform.web.FieldViolation;
import io.chorus.platform.web.ProblemException;
import io.chorus.search.domain.PageCursor;
import io.chorus.search.domain.SearchType;
import io.chorus.search.domain.Searches;
import io.chorus.search.domain.Text;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code GET /api/search} and {@code GET /api/search/autocomplete}. Public: the index holds only
 * what is public anyway (posts, artists, tracks), so no passport is needed; a presented one is
 * still verified by the starter's filter. Every parameter problem is reported at once as a 400
 * problem with field errors; nothing is clamped silently.
 */
final class SearchHandler {

	static final int QUERY_MAX_LENGTH = 200;

	static final int QUERY_MAX_WORDS = 16;

	static final int SUGGEST_MAX_LENGTH = 100;

	static final int PAGE_DEFAULT = 20;

	static final int PAGE_MAX = 100;

	static final int SUGGEST_DEFAULT = 10;

	static final int SUGGEST_MAX = 20;

	private static final String TYPES = "posts, artists, tracks";

	private final Searches searches;

	SearchHandler(Searches searches) {
		this.searches = searches;
	}

	Mono<ServerResponse> search(ServerRequest request) {
		return Mono.defer(() -> {
			List<FieldViolation> errors = new ArrayList<>();
			List<String> terms = query(request, QUERY_MAX_LENGTH, errors);
			SearchType type = type(request, false, errors);
			int limit = limit(request, PAGE_DEFAULT, PAGE_MAX, errors);
			int offset = 0;
			String cursor = request.queryParam("cursor").orElse(null);
			if (cursor != null && errors.isEmpty()) {
				Optional<PageCursor> decoded = PageCursor.decode(cursor, PageCursor.fingerprint(type, terms),
						this.searches.candidateLimit());
				if (decoded.isEmpty()) {
					errors.add(new FieldViolation("cursor", "is not a cursor of this query"));
				}
				else {
					offset = decoded.get().offset();
				}
			}
			if (!errors.isEmpty()) {
				return Mono.error(ProblemException.validation(errors));
			}
			return this.searches.search(type, terms, offset, limit)
				.flatMap((page) -> json(new PageBody(page.items(), page.nextCursor())));
		});
	}

	Mono<ServerResponse> autocomplete(ServerRequest request) {
		return Mono.defer(() -> {
			List<FieldViolation> errors = new ArrayList<>();
			List<String> tokens = query(request, SUGGEST_MAX_LENGTH, errors);
			SearchType type = type(request, true, errors);
			int limit = limit(request, SUGGEST_DEFAULT, SUGGEST_MAX, errors);
			if (!errors.isEmpty()) {
				return Mono.error(ProblemException.validation(errors));
			}
			return this.searches.suggest(type, tokens, limit).flatMap((items) -> json(new Items(items)));
		});
	}

	private static List<String> query(ServerRequest request, int maxLength, List<FieldViolation> errors) {
		String q = request.queryParam("q").orElse("");
		if (q.isBlank()) {
			errors.add(new FieldViolation("q", "is required"));
			return List.of();
		}
		if (q.length() > maxLength) {
			errors.add(new FieldViolation("q", "must be at most " + maxLength + " characters"));
			return List.of();
		}
		List<String> terms = Text.terms(q);
		if (terms.isEmpty()) {
			errors.add(new FieldViolation("q", "must contain a letter or a digit"));
		}
		else if (terms.size() > QUERY_MAX_WORDS) {
			errors.add(new FieldViolation("q", "must have at most " + QUERY_MAX_WORDS + " distinct words"));
		}
		return terms;
	}

	private static SearchType type(ServerRequest request, boolean autocomplete, List<FieldViolation> errors) {
		String raw = request.queryParam("type").orElse("");
		Optional<SearchType> type = SearchType.of(raw).filter((t) -> !autocomplete || t.autocomplete());
		if (type.isPresent()) {
			return type.get();
		}
		String allowed = autocomplete ? "artists, tracks" : TYPES;
		errors.add(new FieldViolation("type", raw.isEmpty() ? "is required (one of " + allowed + ")"
				: "must be one of " + allowed));
		return SearchType.POSTS;
	}

	/** {@code ?limit=} between 1 and {@code max}. */
	private static int limit(ServerRequest request, int fallback, int max, List<FieldViolation> errors) {
		String raw = request.queryParam("limit").orElse("");
		if (raw.isEmpty()) {
			return fallback;
		}
		try {
			int limit = Integer.parseInt(raw);
			if (limit >= 1 && limit <= max) {
				return limit;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		errors.add(new FieldViolation("limit", "must be a whole number from 1 to " + max));
		return fallback;
	}

	/** {@code {items, nextCursor}}; {@code nextCursor} is null on the last page. */
	record PageBody(List<Object> items, @Nullable String nextCursor) {
	}

	record Items(List<Object> items) {
	}

	private static Mono<ServerResponse> json(Object body) {
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
	}

}
