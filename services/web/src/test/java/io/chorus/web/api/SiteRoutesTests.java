package io.chorus.web.api;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;

/** The served bundle (the real one Vite built into target/classes/web) and its headers. */
class SiteRoutesTests {

	private static final Bundle BUNDLE = Bundle.load("classpath:/web/");

	private static WebTestClient client;

	private static String script;

	@BeforeAll
	static void setUp() {
		client = WebTestClient.bindToRouterFunction(new SiteRoutes().bundleRoutes(BUNDLE))
			.webFilter((WebFilter) new SecurityHeadersFilter())
			.build();
		String index = new String(BUNDLE.index().bytes());
		var m = java.util.regex.Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(index);
		assertThat(m.find()).as("index.html loads a hashed script").isTrue();
		script = m.group(1);
	}

	@Test
	void clientRoutesGetIndexHtmlThatIsNeverCached() {
		for (String path : new String[] { "/", "/posts/0192-abc", "/@ada", "/charts?period=weekly", "/index.html" }) {
			client.get().uri(path).exchange()
				.expectStatus().isOk()
				.expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
				.expectHeader().valueEquals("Cache-Control", "no-cache")
				.expectBody(String.class).value((body) -> assertThat(body).contains("<div id=\"app\"></div>"));
		}
	}

	@Test
	void hashedAssetsAreImmutableForAYear() {
		client.get().uri(script).exchange()
			.expectStatus().isOk()
			.expectHeader().contentTypeCompatibleWith("text/javascript")
			.expectHeader().valueEquals("Cache-Control", "max-age=31536000, public, immutable");
	}

	@Test
	void aKnownEtagAnswers304() {
		String etag = client.get().uri(script).exchange().returnResult(byte[].class).getResponseHeaders().getETag();
		assertThat(etag).isNotBlank();
		client.get().uri(script).header("If-None-Match", etag).exchange().expectStatus().isNotModified();
	}

	@Test
	void aMissingAssetOrApiPathIsA404ProblemNotThePage() {
		for (String path : new String[] { "/assets/index-gone.js", "/api/posts/1", "/ws/chat" }) {
			client.get().uri(path).exchange()
				.expectStatus().isNotFound()
				.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody(Map.class).value((body) -> assertThat(body).containsEntry("status", 404));
		}
	}

	@Test
	void everyAnswerCarriesAStrictContentSecurityPolicy() {
		for (String path : new String[] { "/", script, "/assets/missing.css" }) {
			client.get().uri(path).exchange()
				.expectHeader().value("Content-Security-Policy", (csp) -> assertThat(csp)
					.contains("default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'")
					.doesNotContain("unsafe-inline", "unsafe-eval", "*"))
				.expectHeader().valueEquals("X-Content-Type-Options", "nosniff");
		}
	}

	@Test
	void writesAreNotRouted() {
		client.post().uri("/").exchange().expectStatus().isNotFound();
	}

}
