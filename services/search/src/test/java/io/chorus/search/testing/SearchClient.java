package io.chorus.search.testing;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.UriBuilder;

/** Calls the search API over HTTP. */
public final class SearchClient {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	private final WebTestClient http;

	SearchClient(WebTestClient http) {
		this.http = http;
	}

	public WebTestClient http() {
		return this.http;
	}

	/** A successful search page as JSON. */
	public Page search(String type, String q) {
		return search(type, q, null, null);
	}

	public Page search(String type, String q, @Nullable Integer limit, @Nullable String cursor) {
		Map<String, Object> body = this.http.get()
			.uri((uri) -> query(uri.path("/api/search"), q, type, limit, cursor))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JSON)
			.returnResult()
			.getResponseBody();
		return new Page(body);
	}

	public List<Map<String, Object>> autocomplete(String type, String q) {
		Map<String, Object> body = this.http.get()
			.uri((uri) -> query(uri.path("/api/search/autocomplete"), q, type, null, null))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JSON)
			.returnResult()
			.getResponseBody();
		return items(body);
	}

	private static java.net.URI query(UriBuilder uri, String q, String type, @Nullable Integer limit,
			@Nullable String cursor) {
		uri.queryParam("q", "{q}").queryParam("type", type);
		if (limit != null) {
			uri.queryParam("limit", limit);
		}
		if (cursor != null) {
			uri.queryParam("cursor", cursor);
		}
		return uri.build(q);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> items(@Nullable Map<String, Object> body) {
		if (body == null) {
			throw new AssertionError("empty body");
		}
		return (List<Map<String, Object>>) body.get("items");
	}

	/** {@code {items, nextCursor}}. */
	public record Page(List<Map<String, Object>> items, @Nullable String nextCursor) {

		Page(@Nullable Map<String, Object> body) {
			this(SearchClient.items(body), (body != null) ? (String) body.get("nextCursor") : null);
		}

		public List<Object> ids() {
			return this.items.stream().map((item) -> item.get("id")).toList();
		}

	}

}
