package io.chorus.e2e;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.chorus.e2e.Visitor.Account;
import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writing posts, comments and likes through the gateway with real signup/login tokens: the gateway
 * turns the access token into a passport, content checks ownership against it. Only the row
 * counts are read from content's database, to prove refused requests wrote nothing.
 */
@ChorusInfrastructure({ Infra.MARIADB, Infra.REDIS, Infra.KAFKA })
class ContentThroughGatewayIntegrationTests {

	private static ChorusStack stack;

	@BeforeAll
	static void start(TestNamespace namespace) {
		stack = ChorusStack.on(namespace).start();
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void aPostIsCreatedEditedOnlyByItsAuthorAndDeleted() {
		Visitor visitor = new Visitor(stack);
		Account ada = visitor.signup("ada");
		Account bob = visitor.signup("bob");
		String adaToken = visitor.login(ada).accessToken();
		String bobToken = visitor.login(bob).accessToken();

		EntityExchangeResult<Map<String, Object>> created = Visitor.mapResult(visitor.sendJson("POST", "/api/posts",
				adaToken, Map.of("text", "Hello, Chorus", "trackId", "trk_1", "imageIds", List.of("img1")))
			.expectStatus()
			.isCreated());
		Map<String, Object> post = Objects.requireNonNull(created.getResponseBody());
		String postId = (String) post.get("id");
		assertThat(created.getResponseHeaders().getLocation()).hasToString("/api/posts/" + postId);
		assertThat(post).containsEntry("authorId", ada.id()).containsEntry("text", "Hello, Chorus").containsEntry("version", 1);

		visitor.sendJson("PUT", "/api/posts/" + postId, bobToken, Map.of("text", "mine now"))
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		visitor.send("DELETE", "/api/posts/" + postId, bobToken).exchange().expectStatus().isForbidden();
		visitor.sendJson("PUT", "/api/posts/" + postId, null, Map.of("text", "anonymous")).expectStatus().isUnauthorized();

		visitor.sendJson("PUT", "/api/posts/" + postId, adaToken, Map.of("text", "Hello again"))
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.text")
			.isEqualTo("Hello again")
			.jsonPath("$.version")
			.isEqualTo(2);

		visitor.send("DELETE", "/api/posts/" + postId, adaToken).exchange().expectStatus().isNoContent();
		visitor.send("DELETE", "/api/posts/" + postId, adaToken).exchange().expectStatus().isNotFound();
		visitor.send("PUT", "/api/posts/" + postId + "/like", bobToken).exchange().expectStatus().isNotFound();
		visitor.sendJson("POST", "/api/posts/" + postId + "/comments", bobToken, Map.of("text", "too late"))
			.expectStatus()
			.isNotFound();
	}

	@Test
	void likesAreIdempotent() {
		Visitor visitor = new Visitor(stack);
		Account ada = visitor.signup("ada");
		Account bob = visitor.signup("bob");
		String adaToken = visitor.login(ada).accessToken();
		String bobToken = visitor.login(bob).accessToken();
		String postId = createPost(visitor, adaToken, "like this");
		String commentId = comment(visitor, bobToken, postId, Map.of("text", "liked it"));

		for (int i = 0; i < 3; i++) {
			visitor.send("PUT", "/api/posts/" + postId + "/like", bobToken).exchange().expectStatus().isNoContent();
			visitor.send("PUT", "/api/comments/" + commentId + "/like", adaToken).exchange().expectStatus().isNoContent();
		}
		// The write side answers an edit with the current counts.
		visitor.sendJson("PUT", "/api/posts/" + postId, adaToken, Map.of("text", "like this!"))
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.likeCount")
			.isEqualTo(1)
			.jsonPath("$.commentCount")
			.isEqualTo(1);
		visitor.sendJson("PUT", "/api/comments/" + commentId, bobToken, Map.of("text", "liked it a lot"))
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.likeCount")
			.isEqualTo(1);
		assertThat(count("SELECT COUNT(*) FROM post_like WHERE post_id = ?", postId)).isOne();

		for (int i = 0; i < 2; i++) {
			visitor.send("DELETE", "/api/posts/" + postId + "/like", bobToken).exchange().expectStatus().isNoContent();
		}
		visitor.sendJson("PUT", "/api/posts/" + postId, adaToken, Map.of("text", "like this?"))
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.likeCount")
			.isEqualTo(0);
	}

	@Test
	void repliesAreOneLevelDeep() {
		Visitor visitor = new Visitor(stack);
		Account ada = visitor.signup("ada");
		String token = visitor.login(ada).accessToken();
		String postId = createPost(visitor, token, "thread");
		String top = comment(visitor, token, postId, Map.of("text", "top"));
		String reply = comment(visitor, token, postId, Map.of("text", "reply", "parentId", top));
		visitor.sendJson("POST", "/api/posts/" + postId + "/comments", token, Map.of("text", "deeper", "parentId", reply))
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("parentId");
	}

	@Test
	void badInputIsAProblemAndWritesNothing() {
		Visitor visitor = new Visitor(stack);
		Account ada = visitor.signup("ada");
		String token = visitor.login(ada).accessToken();
		String postId = createPost(visitor, token, "keep me");
		String before = snapshot();

		visitor.sendJson("POST", "/api/posts", token, Map.of("text", "", "imageIds", List.of("a", "a"), "mood", "happy"))
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[?(@.field == 'text')]")
			.exists()
			.jsonPath("$.errors[?(@.field == 'imageIds[1]')]")
			.exists()
			.jsonPath("$.errors[?(@.field == 'mood')]")
			.exists();
		visitor.send("POST", "/api/posts", token)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"text\": oops}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		visitor.sendJson("PUT", "/api/posts/" + postId, token, Map.of("text", "x".repeat(2001)))
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("text");
		visitor.sendJson("POST", "/api/posts/" + postId + "/comments", token, Map.of("text", 42))
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("text");

		assertThat(snapshot()).isEqualTo(before);
		// The refused edit did not move the version either.
		visitor.sendJson("PUT", "/api/posts/" + postId, token, Map.of("text", "kept"))
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.version")
			.isEqualTo(2);
	}

	private static String createPost(Visitor visitor, String token, String text) {
		Map<String, Object> body = Visitor.mapResult(visitor.sendJson("POST", "/api/posts", token, Map.of("text", text))
			.expectStatus()
			.isCreated()).getResponseBody();
		return (String) Objects.requireNonNull(body).get("id");
	}

	private static String comment(Visitor visitor, String token, String postId, Map<String, Object> comment) {
		EntityExchangeResult<Map<String, Object>> result = Visitor
			.mapResult(visitor.sendJson("POST", "/api/posts/" + postId + "/comments", token, comment).expectStatus().isCreated());
		String id = (String) Objects.requireNonNull(result.getResponseBody()).get("id");
		assertThat(result.getResponseHeaders().getLocation()).hasToString("/api/comments/" + id);
		return id;
	}

	private static String snapshot() {
		return "post=" + count("SELECT COUNT(*) FROM post") + " comment=" + count("SELECT COUNT(*) FROM comment")
				+ " outbox=" + count("SELECT COUNT(*) FROM chorus_outbox") + " versions="
				+ count("SELECT COALESCE(SUM(version), 0) FROM post");
	}

	private static long count(String sql, Object... args) {
		DatabaseClient.GenericExecuteSpec spec = stack.content().bean(DatabaseClient.class).sql(sql);
		for (int i = 0; i < args.length; i++) {
			spec = spec.bind(i, args[i]);
		}
		Number n = spec.map((row) -> row.get(0, Number.class)).one().block();
		return Objects.requireNonNull(n).longValue();
	}

}
