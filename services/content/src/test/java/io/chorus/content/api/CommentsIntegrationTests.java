package io.chorus.content.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.chorus.content.events.ContentEvents;
import io.chorus.content.testing.ContentClient;
import io.chorus.content.testing.ContentClient.Member;
import io.chorus.content.testing.ContentEventsOnKafka.Received;
import io.chorus.content.testing.IntegrationTestBase;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** Comments and replies: one level deep, author-only edits, soft delete. */
class CommentsIntegrationTests extends IntegrationTestBase {

	@Test
	void commentsAndRepliesAreCreatedAndCounted() {
		Member ada = ContentClient.newMember("ada");
		Member bob = ContentClient.newMember("bob");
		String postId = this.client.createPost(ada, "thoughts?");
		String commentId = this.client.comment(bob, postId, "yes", null);
		this.client.sendJson("POST", "/api/posts/" + postId + "/comments", ada, Map.of("text", "thanks", "parentId", commentId))
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.parentId")
			.isEqualTo(commentId)
			.jsonPath("$.authorId")
			.isEqualTo(ada.id())
			.jsonPath("$.version")
			.isEqualTo(1);
		assertThat(this.rows.count("SELECT comment_count FROM post WHERE id = ?", postId)).isEqualTo(2);
		assertThat(this.rows.outbox(postId, ContentEvents.COMMENT_CREATED)).isEqualTo(2);
	}

	@Test
	void aReplyOfAReplyIsRefused() {
		Member ada = ContentClient.newMember("ada");
		String postId = this.client.createPost(ada, "deep");
		String top = this.client.comment(ada, postId, "top", null);
		String reply = this.client.comment(ada, postId, "reply", top);
		String before = this.rows.snapshot();
		this.client.sendJson("POST", "/api/posts/" + postId + "/comments", ada, Map.of("text", "deeper", "parentId", reply))
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("parentId");
		assertThat(this.rows.snapshot()).isEqualTo(before);
	}

	@Test
	void onlyTheAuthorEditsOrDeletesAComment() {
		Member ada = ContentClient.newMember("ada");
		Member bob = ContentClient.newMember("bob");
		String postId = this.client.createPost(ada, "my post");
		String commentId = this.client.comment(bob, postId, "bob's words", null);
		String before = this.rows.snapshot();

		// Not even the post's author may edit someone else's comment.
		this.client.sendJson("PUT", "/api/comments/" + commentId, ada, Map.of("text", "ada's words"))
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		this.client.send("DELETE", "/api/comments/" + commentId, ada).exchange().expectStatus().isForbidden();
		assertThat(this.rows.snapshot()).isEqualTo(before);

		this.client.sendJson("PUT", "/api/comments/" + commentId, bob, Map.of("text", "better words"))
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.text")
			.isEqualTo("better words")
			.jsonPath("$.version")
			.isEqualTo(2);
		this.client.send("DELETE", "/api/comments/" + commentId, bob).exchange().expectStatus().isNoContent();
		assertThat(this.rows.count("SELECT COUNT(*) FROM comment WHERE id = ? AND deleted_at IS NOT NULL AND version = 3",
				commentId))
			.isOne();
		assertThat(this.rows.count("SELECT comment_count FROM post WHERE id = ?", postId)).isZero();

		String afterDelete = this.rows.snapshot();
		this.client.send("DELETE", "/api/comments/" + commentId, bob).exchange().expectStatus().isNotFound();
		this.client.sendJson("PUT", "/api/comments/" + commentId, bob, Map.of("text", "again")).expectStatus().isNotFound();
		this.client.send("PUT", "/api/comments/" + commentId + "/like", ada).exchange().expectStatus().isNotFound();
		this.client.sendJson("POST", "/api/posts/" + postId + "/comments", ada, Map.of("text", "re", "parentId", commentId))
			.expectStatus()
			.isBadRequest();
		assertThat(this.rows.snapshot()).isEqualTo(afterDelete);
	}

	@Test
	void concurrentCommentsAndLikesOnOnePostAreAllKeptAndEmittedInCommitOrder() {
		Member ada = ContentClient.newMember("ada");
		String postId = this.client.createPost(ada, "busy post");
		List<Member> crowd = IntStream.range(0, 16).mapToObj((i) -> ContentClient.newMember("m" + i)).toList();

		Flux<Integer> comments = Flux.fromIterable(crowd)
			.flatMap((m) -> Mono.fromCallable(() -> this.client.sendJson("POST", "/api/posts/" + postId + "/comments", m,
					Map.of("text", "hi from " + m.handle()))
				.returnResult(Void.class)
				.getStatus()
				.value()).subscribeOn(Schedulers.boundedElastic()), 8);
		Flux<Integer> likes = Mono
			.fromCallable(() -> this.client.concurrently("PUT", "/api/posts/" + postId + "/like", crowd))
			.subscribeOn(Schedulers.boundedElastic())
			.flatMapIterable((all) -> all);
		List<Integer> statuses = Flux.merge(comments, likes).collectList().block(Duration.ofSeconds(60));

		assertThat(statuses).hasSize(32).containsOnly(201, 204);
		assertThat(this.rows.count("SELECT comment_count FROM post WHERE id = ?", postId)).isEqualTo(16);
		assertThat(this.rows.count("SELECT like_count FROM post WHERE id = ?", postId)).isEqualTo(16);
		this.client.send("DELETE", "/api/posts/" + postId, ada).exchange().expectStatus().isNoContent();
		List<Received> events = this.events.ofPost(postId, (e) -> ContentEvents.POST_DELETED.equals(e.type()));
		assertThat(events).hasSize(1 + 16 + 16 + 1);
		assertThat(events.get(0).type()).isEqualTo(ContentEvents.POST_CREATED);
		assertThat(events.get(events.size() - 1).type()).isEqualTo(ContentEvents.POST_DELETED);
		// Per-post order is the outbox order, which is the order the post's row lock was granted.
		assertThat(events).extracting(Received::id).isSorted();
	}

}
