package io.chorus.content.api;

import java.util.List;
import java.util.Map;

import io.chorus.content.events.ContentEvents;
import io.chorus.content.testing.ContentClient;
import io.chorus.content.testing.ContentClient.Member;
import io.chorus.content.testing.IntegrationTestBase;
import io.chorus.testkit.blockhound.BlockHoundProbe;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** Creating, editing and deleting posts: status codes, ownership, soft delete. */
class PostWritesIntegrationTests extends IntegrationTestBase {

	@Test
	void blockHoundIsActive() {
		BlockHoundProbe.assertInstalled();
	}

	@Test
	void createAnswers201WithLocationAndTheResource() {
		Member ada = ContentClient.newMember("ada");
		Map<String, Object> post = this.client.createPost(ada,
				Map.of("text", "First light 🌅", "trackId", "trk_42", "imageIds", List.of("img-1", "img-2")));
		assertThat(post).containsEntry("authorId", ada.id())
			.containsEntry("text", "First light 🌅")
			.containsEntry("trackId", "trk_42")
			.containsEntry("imageIds", List.of("img-1", "img-2"))
			.containsEntry("likeCount", 0)
			.containsEntry("commentCount", 0)
			.containsEntry("version", 1);
		String id = (String) post.get("id");
		assertThat(this.rows.count("SELECT COUNT(*) FROM post WHERE id = ? AND author_id = ? AND image_ids = ?", id,
				ada.id(), "img-1,img-2"))
			.isOne();
		assertThat(this.rows.outbox(id, ContentEvents.POST_CREATED)).isOne();
	}

	@Test
	void everyWriteNeedsAPassport() {
		Member ada = ContentClient.newMember("ada");
		String postId = this.client.createPost(ada, "mine");
		String commentId = this.client.comment(ada, postId, "a comment", null);
		String before = this.rows.snapshot();
		List.of(new String[] { "POST", "/api/posts" }, new String[] { "PUT", "/api/posts/" + postId },
				new String[] { "DELETE", "/api/posts/" + postId }, new String[] { "PUT", "/api/posts/" + postId + "/like" },
				new String[] { "DELETE", "/api/posts/" + postId + "/like" },
				new String[] { "POST", "/api/posts/" + postId + "/comments" },
				new String[] { "PUT", "/api/comments/" + commentId },
				new String[] { "DELETE", "/api/comments/" + commentId },
				new String[] { "PUT", "/api/comments/" + commentId + "/like" },
				new String[] { "DELETE", "/api/comments/" + commentId + "/like" })
			.forEach((call) -> this.client.sendJson(call[0], call[1], null, Map.of("text", "sneaky"))
				.expectStatus()
				.isUnauthorized()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON));
		this.client.send("PUT", "/api/posts/" + postId + "/like", null)
			.header("X-Passport", passports.expired(ada.id(), ada.handle(), "member"))
			.exchange()
			.expectStatus()
			.isUnauthorized();
		assertThat(this.rows.snapshot()).isEqualTo(before);
	}

	@Test
	void onlyTheAuthorEditsOrDeletesAPost() {
		Member ada = ContentClient.newMember("ada");
		Member bob = ContentClient.newMember("bob");
		String id = this.client.createPost(ada, "original");
		String before = this.rows.snapshot();

		this.client.sendJson("PUT", "/api/posts/" + id, bob, Map.of("text", "hijacked"))
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(403);
		this.client.send("DELETE", "/api/posts/" + id, bob).exchange().expectStatus().isForbidden();
		assertThat(this.rows.snapshot()).isEqualTo(before);
		assertThat(this.rows.count("SELECT COUNT(*) FROM post WHERE id = ? AND text = 'original' AND version = 1", id))
			.isOne();

		this.client.sendJson("PUT", "/api/posts/" + id, ada, Map.of("text", "edited", "imageIds", List.of("x")))
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.text")
			.isEqualTo("edited")
			.jsonPath("$.version")
			.isEqualTo(2)
			.jsonPath("$.trackId")
			.isEmpty()
			.jsonPath("$.imageIds[0]")
			.isEqualTo("x");
		assertThat(this.rows.outbox(id, ContentEvents.POST_UPDATED)).isOne();
	}

	@Test
	void deleteIsSoftAndADeletedPostTakesNoMoreWrites() {
		Member ada = ContentClient.newMember("ada");
		Member bob = ContentClient.newMember("bob");
		String id = this.client.createPost(ada, "short-lived");
		String commentId = this.client.comment(bob, id, "nice", null);

		this.client.send("DELETE", "/api/posts/" + id, ada).exchange().expectStatus().isNoContent();
		assertThat(this.rows.count("SELECT COUNT(*) FROM post WHERE id = ? AND deleted_at IS NOT NULL AND version = 2",
				id))
			.isOne();
		assertThat(this.rows.outbox(id, ContentEvents.POST_DELETED)).isOne();
		String before = this.rows.snapshot();

		this.client.send("DELETE", "/api/posts/" + id, ada).exchange().expectStatus().isNotFound();
		this.client.sendJson("PUT", "/api/posts/" + id, ada, Map.of("text", "back")).expectStatus().isNotFound();
		this.client.send("PUT", "/api/posts/" + id + "/like", bob).exchange().expectStatus().isNotFound();
		this.client.send("DELETE", "/api/posts/" + id + "/like", bob).exchange().expectStatus().isNotFound();
		this.client.sendJson("POST", "/api/posts/" + id + "/comments", bob, Map.of("text", "hello?"))
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		this.client.sendJson("PUT", "/api/comments/" + commentId, bob, Map.of("text", "edit")).expectStatus().isNotFound();
		this.client.send("PUT", "/api/comments/" + commentId + "/like", ada).exchange().expectStatus().isNotFound();
		assertThat(this.rows.snapshot()).isEqualTo(before);
	}

	@Test
	void unknownAndMalformedIdsAreNotFound() {
		Member ada = ContentClient.newMember("ada");
		this.client.sendJson("PUT", "/api/posts/0190a1b2-0000-7000-8000-000000000000", ada, Map.of("text", "x"))
			.expectStatus()
			.isNotFound();
		this.client.send("PUT", "/api/posts/not-an-id/like", ada).exchange().expectStatus().isNotFound();
		this.client.send("DELETE", "/api/comments/../posts", ada).exchange().expectStatus().isNotFound();
		this.client.send("PUT", "/api/comments/0190a1b2-0000-7000-8000-000000000000/like", ada)
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	void readsAreNotServedHere() {
		Member ada = ContentClient.newMember("ada");
		String id = this.client.createPost(ada, "read me elsewhere");
		this.client.send("GET", "/api/posts/" + id, ada).exchange().expectStatus().is4xxClientError();
	}

}
