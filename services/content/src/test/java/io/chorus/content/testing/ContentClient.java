package io.chorus.content.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chorus.testkit.passport.TestPassports;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Drives the content API over HTTP the way the gateway forwards it. */
public final class ContentClient {

	private final WebTestClient http;

	private final WebClient reactive;

	private final TestPassports passports;

	public ContentClient(String baseUrl, TestPassports passports) {
		this.http = WebTestClient.bindToServer().baseUrl(baseUrl).responseTimeout(Duration.ofSeconds(30)).build();
		this.reactive = WebClient.create(baseUrl);
		this.passports = passports;
	}

	/** A member nobody else uses. */
	public static Member newMember(String stem) {
		return new Member(UUID.randomUUID().toString(), stem);
	}

	public String passport(Member member) {
		return this.passports.valid(member.id(), member.handle(), "member");
	}

	public WebTestClient.RequestBodySpec send(String method, String uri, @Nullable Member as) {
		WebTestClient.RequestBodySpec spec = this.http.method(HttpMethod.valueOf(method)).uri(uri);
		return (as != null) ? spec.header(TestPassports.HEADER, passport(as)) : spec;
	}

	public WebTestClient.ResponseSpec sendJson(String method, String uri, @Nullable Member as, Object body) {
		return send(method, uri, as).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
	}

	/** Creates a post; asserts 201, Location and the id. */
	public Map<String, Object> createPost(Member author, Map<String, ?> body) {
		EntityExchangeResult<Map<String, Object>> result = mapResult(
				sendJson("POST", "/api/posts", author, body).expectStatus().isCreated());
		Map<String, Object> post = result.getResponseBody();
		assertThat(post).isNotNull().containsKey("id");
		assertThat(result.getResponseHeaders().getLocation()).hasToString("/api/posts/" + post.get("id"));
		return post;
	}

	public String createPost(Member author, String text) {
		return (String) createPost(author, Map.of("text", text)).get("id");
	}

	/** Comments (or replies, with {@code parentId}); asserts 201, Location and the id. */
	public String comment(Member author, String postId, String text, @Nullable String parentId) {
		Map<String, Object> body = (parentId != null) ? Map.of("text", text, "parentId", parentId) : Map.of("text", text);
		EntityExchangeResult<Map<String, Object>> result = mapResult(
				sendJson("POST", "/api/posts/" + postId + "/comments", author, body).expectStatus().isCreated());
		Map<String, Object> comment = result.getResponseBody();
		assertThat(comment).isNotNull().containsEntry("postId", postId);
		assertThat(result.getResponseHeaders().getLocation()).hasToString("/api/comments/" + comment.get("id"));
		return (String) comment.get("id");
	}

	/** Sends the same bodiless request for every member at once; the HTTP statuses. */
	public List<Integer> concurrently(String method, String uri, List<Member> members) {
		return Flux.fromIterable(members)
			.flatMap((member) -> this.reactive.method(HttpMethod.valueOf(method))
				.uri(uri)
				.header(TestPassports.HEADER, passport(member))
				.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value())),
					members.size())
			.collectList()
			.block(Duration.ofSeconds(60));
	}

	@SuppressWarnings("unchecked")
	public static EntityExchangeResult<Map<String, Object>> mapResult(WebTestClient.ResponseSpec spec) {
		return (EntityExchangeResult<Map<String, Object>>) (Object) spec.expectBody(Map.class).returnResult();
	}

	/** A member as a passport names it. */
	public record Member(String id, String handle) {
	}

}
