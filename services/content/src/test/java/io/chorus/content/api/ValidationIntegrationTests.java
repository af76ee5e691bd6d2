package io.chorus.content.api;

import java.util.List;
import java.util.Map;

import io.chorus.content.events.ContentEvents;
import io.chorus.content.testing.ContentClient;
import io.chorus.content.testing.ContentClient.Member;
import io.chorus.content.testing.ContentEventsOnKafka.Received;
import io.chorus.content.testing.IntegrationTestBase;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input: 400 problem+json naming the fields, and nothing written — no row, no outbox row, no event. */
class ValidationIntegrationTests extends IntegrationTestBase {

	@Test
	void badPostBodiesAreRefusedWithFieldErrorsAndWriteNothing() {
		Member ada = ContentClient.newMember("ada");
		String before = this.rows.snapshot();

		expectFields(raw("POST", "/api/posts", ada, "{\"text\":\"\"}"), "text");
		expectFields(raw("POST", "/api/posts", ada, "{\"text\":12}"), "text");
		expectFields(raw("POST", "/api/posts", ada, "{\"text\":\"" + "x".repeat(2001) + "\"}"), "text");
		expectFields(raw("POST", "/api/posts", ada, "{\"text\":\"ok\",\"authorId\":\"bob\"}"), "authorId");
		expectFields(raw("POST", "/api/posts", ada, "{\"text\":\"ok\",\"trackId\":\"../x\"}"), "trackId");
		expectFields(raw("POST", "/api/posts", ada, "{\"text\":\"ok\",\"imageIds\":[\"a\",\"b\",\"c\",\"d\",\"e\"]}"),
				"imageIds");
		expectFields(raw("POST", "/api/posts", ada, "{\"text\":\"ok\",\"imageIds\":[\"a\",\"a\"]}"), "imageIds[1]");
		expectFields(raw("POST", "/api/posts", ada, "{\"text\":\"ok\",\"imageIds\":\"a\"}"), "imageIds");
		expectFields(raw("POST", "/api/posts", ada, "[1,2]"), "body");
		expectFields(raw("POST", "/api/posts", ada, "{\"text\":\" \",\"trackId\":5,\"x\":1}"), "text", "trackId", "x");
		// Malformed JSON, an empty body: 400 problem without field errors.
		problem(raw("POST", "/api/posts", ada, "{\"text\":\"unterminated"), 400);
		problem(raw("POST", "/api/posts", ada, "{\"text\":\"a\",}"), 400);
		problem(raw("POST", "/api/posts", ada, "{\"text\":\"shown\",\"text\":\"stored\"}"), 400);
		problem(this.client.send("POST", "/api/posts", ada).contentType(MediaType.APPLICATION_JSON).exchange(), 400);
		problem(this.client.send("POST", "/api/posts", ada)
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("text=hello")
			.exchange(), 415);

		assertThat(this.rows.snapshot()).isEqualTo(before);
		assertNoEventsBy(ada);
	}

	@Test
	void badEditsAndCommentsWriteNothingEither() {
		Member ada = ContentClient.newMember("ada");
		String postId = this.client.createPost(ada, "stable");
		String commentId = this.client.comment(ada, postId, "top", null);
		String replyId = this.client.comment(ada, postId, "reply", commentId);
		String otherPost = this.client.createPost(ada, "another");
		String otherComment = this.client.comment(ada, otherPost, "elsewhere", null);
		String before = this.rows.snapshot();

		expectFields(raw("PUT", "/api/posts/" + postId, ada, "{\"text\":\"\",\"version\":3}"), "text", "version");
		expectFields(raw("POST", "/api/posts/" + postId + "/comments", ada, "{\"text\":\"" + "y".repeat(1001) + "\"}"),
				"text");
		expectFields(raw("POST", "/api/posts/" + postId + "/comments", ada, "{\"text\":\"ok\",\"parentId\":\"nope\"}"),
				"parentId");
		// A reply of a reply, a parent on another post, a parent that does not exist.
		expectFields(raw("POST", "/api/posts/" + postId + "/comments", ada,
				"{\"text\":\"deeper\",\"parentId\":\"" + replyId + "\"}"), "parentId");
		expectFields(raw("POST", "/api/posts/" + postId + "/comments", ada,
				"{\"text\":\"lost\",\"parentId\":\"" + otherComment + "\"}"), "parentId");
		expectFields(raw("POST", "/api/posts/" + postId + "/comments", ada,
				"{\"text\":\"ghost\",\"parentId\":\"0190a1b2-0000-7000-8000-000000000000\"}"), "parentId");
		expectFields(raw("PUT", "/api/comments/" + commentId, ada, "{\"text\":\"ok\",\"postId\":\"x\"}"), "postId");
		problem(raw("PUT", "/api/comments/" + commentId, ada, "not json"), 400);

		assertThat(this.rows.snapshot()).isEqualTo(before);
		assertThat(this.rows.count("SELECT COUNT(*) FROM post WHERE id = ? AND text = 'stable' AND version = 1", postId))
			.isOne();
	}

	// A valid post by the same author is the marker: once it is on Kafka, anything written before
	// it would be too. Exactly the marker means no refused request emitted anything.
	private void assertNoEventsBy(Member author) {
		String marker = this.client.createPost(author, "marker");
		List<Received> byAuthor = this.events
			.until((e) -> marker.equals(e.key()) && ContentEvents.POST_CREATED.equals(e.type()))
			.stream()
			.filter((e) -> author.id().equals(e.data().path("authorId").asString()))
			.toList();
		assertThat(byAuthor).extracting(Received::key).containsExactly(marker);
	}

	private WebTestClient.ResponseSpec raw(String method, String uri, Member as, String body) {
		return this.client.send(method, uri, as).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
	}

	private static WebTestClient.BodyContentSpec problem(WebTestClient.ResponseSpec response, int status) {
		return response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(status);
	}

	@SuppressWarnings("unchecked")
	private static void expectFields(WebTestClient.ResponseSpec response, String... fields) {
		Map<String, Object> body = ContentClient.mapResult(response.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)).getResponseBody();
		assertThat(body).isNotNull().containsEntry("status", 400);
		List<Map<String, Object>> errors = (List<Map<String, Object>>) body.get("errors");
		assertThat(errors).as("errors of %s", body).isNotNull();
		assertThat(errors).extracting((e) -> (String) e.get("field")).containsExactlyInAnyOrder(fields);
		assertThat(errors).allSatisfy((e) -> assertThat((String) e.get("reason")).isNotBlank());
	}

}
