package io.chorus.search.api;

import java.util.List;
import java.util.function.Function;

import io.chorus.search.testing.IntegrationTestBase;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.web.util.UriBuilder;

/** Bad parameters → 400 problem+json naming each bad field; a bad passport → 401; no passport is fine. */
class SearchRequestValidationIntegrationTests extends IntegrationTestBase {

	private void expectFieldErrors(String path, Function<UriBuilder, UriBuilder> params, String... fields) {
		var body = this.client.http()
			.get()
			.uri((uri) -> params.apply(uri.path(path)).build())
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(400)
			.jsonPath("$.type")
			.isEqualTo("urn:chorus:problem:validation")
			.jsonPath("$.errors.length()")
			.isEqualTo(fields.length);
		for (int i = 0; i < fields.length; i++) {
			body.jsonPath("$.errors[%d].field".formatted(i)).isEqualTo(fields[i]);
		}
	}

	@Test
	void searchRequiresAQueryAndAType() {
		expectFieldErrors("/api/search", (uri) -> uri, "q", "type");
		expectFieldErrors("/api/search", (uri) -> uri.queryParam("q", "   ").queryParam("type", "posts"), "q");
		expectFieldErrors("/api/search", (uri) -> uri.queryParam("q", "--- ...").queryParam("type", "posts"), "q");
	}

	@Test
	void searchRejectsUnknownTypesOverlongQueriesAndOutOfRangeLimits() {
		expectFieldErrors("/api/search", (uri) -> uri.queryParam("q", "jazz").queryParam("type", "members"), "type");
		expectFieldErrors("/api/search", (uri) -> uri.queryParam("q", "x".repeat(201)).queryParam("type", "posts"),
				"q");
		expectFieldErrors("/api/search",
				(uri) -> uri.queryParam("q", String.join(" ", List.of("a b c d e f g h i j k l m n o p q".split(" "))))
					.queryParam("type", "posts"),
				"q");
		expectFieldErrors("/api/search", (uri) -> uri.queryParam("q", "jazz").queryParam("type", "posts")
			.queryParam("limit", "101"), "limit");
		expectFieldErrors("/api/search", (uri) -> uri.queryParam("q", "jazz").queryParam("type", "posts")
			.queryParam("limit", "0"), "limit");
		expectFieldErrors("/api/search", (uri) -> uri.queryParam("q", "jazz").queryParam("type", "posts")
			.queryParam("limit", "ten"), "limit");
	}

	@Test
	void aCursorOnlyWorksForTheQueryThatIssuedIt() {
		expectFieldErrors("/api/search", (uri) -> uri.queryParam("q", "jazz").queryParam("type", "posts")
			.queryParam("cursor", "garbage"), "cursor");
		String otherQuerys = io.chorus.search.domain.PageCursor
			.fingerprint(io.chorus.search.domain.SearchType.POSTS, List.of("rock"));
		String cursor = new io.chorus.search.domain.PageCursor(20, otherQuerys).encode();
		expectFieldErrors("/api/search", (uri) -> uri.queryParam("q", "jazz").queryParam("type", "posts")
			.queryParam("cursor", cursor), "cursor");
	}

	@Test
	void autocompleteOnlyCoversArtistsAndTracks() {
		expectFieldErrors("/api/search/autocomplete", (uri) -> uri.queryParam("q", "ja").queryParam("type", "posts"),
				"type");
		expectFieldErrors("/api/search/autocomplete", (uri) -> uri.queryParam("type", "artists"), "q");
		expectFieldErrors("/api/search/autocomplete",
				(uri) -> uri.queryParam("q", "x".repeat(101)).queryParam("type", "tracks").queryParam("limit", "21"),
				"q", "limit");
	}

	@Test
	void searchIsPublicButAForgedPassportIsRejected() {
		this.client.http()
			.get()
			.uri("/api/search?q=jazz&type=posts")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.items.length()")
			.isEqualTo(0)
			.jsonPath("$.nextCursor")
			.isEmpty();
		this.client.http()
			.get()
			.uri("/api/search?q=jazz&type=posts")
			.header("X-Passport", passports.signedByAnotherKey("m-1", "ada", "USER"))
			.exchange()
			.expectStatus()
			.isUnauthorized();
		this.client.http()
			.get()
			.uri("/api/search?q=jazz&type=posts")
			.header("X-Passport", passports.valid("m-1", "ada", "USER"))
			.exchange()
			.expectStatus()
			.isOk();
	}

}
