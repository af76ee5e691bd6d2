package io.chorus.timeline.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.chorus.platform.events.CloudEvent;
import io.chorus.timeline.events.ContentProjection;
import io.chorus.timeline.testing.IntegrationTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static io.chorus.timeline.testing.Events.newId;
import static io.chorus.timeline.testing.TimelineClient.ids;
import static org.assertj.core.api.Assertions.assertThat;

/** Post detail, counters, likedByMe, comments with replies, rankings, stale updates, validation. */
class PostReadsIntegrationTests extends IntegrationTestBase {

	@Autowired
	ContentProjection projection;

	/**
	 * 150 likes and 30 unlikes arrive on one post, 40 likes are delivered twice: the count is
	 * exact. A comment published last tells when everything before it was applied (same post,
	 * same partition, in order).
	 */
	@Test
	void countersAreExactAfterManyLikesAndRedeliveredDuplicates() {
		String author = newId();
		String post = newId();
		this.events.postCreated(post, author, "like me", Instant.now());
		List<CloudEvent> likes = new ArrayList<>();
		List<String> likers = new ArrayList<>();
		for (int i = 0; i < 150; i++) {
			String liker = newId();
			likers.add(liker);
			likes.add(this.events.postLiked(post, author, liker));
		}
		for (int i = 0; i < 40; i++) {
			this.events.resend(likes.get(i * 3));
		}
		for (int i = 0; i < 30; i++) {
			this.events.postUnliked(post, author, likers.get(i));
		}
		this.events.commentCreated(newId(), post, author, author, null, "the last event");
		this.events.flush();

		JsonNode detail = this.client.await("/api/posts/" + post, likers.get(100),
				(p) -> p.path("commentCount").asLong() == 1);
		assertThat(detail.path("likeCount").asLong()).isEqualTo(120);
		assertThat(detail.path("likedByMe").asBoolean()).isTrue();
		assertThat(this.client.get("/api/posts/" + post, likers.get(0)).path("likedByMe").asBoolean())
			.as("unliked").isFalse();
		assertThat(this.client.get("/api/posts/" + post, null).has("likedByMe")).as("anonymous").isFalse();
		JsonNode popular = this.client.get("/api/timeline/popular?window=1h", null);
		assertThat(popular.path("items").path(0).path("id").asString()).isEqualTo(post);
		assertThat(popular.path("items").path(0).path("score").asLong()).isEqualTo(120);
	}

	/** The consumer's dedupe is bypassed: applying one event twice (a crash between apply and mark) counts once. */
	@Test
	void reApplyingAnEventChangesNothing() {
		String author = newId();
		String post = newId();
		this.events.postCreated(post, author, "once", Instant.now());
		this.client.await("/api/posts/" + post, null, (p) -> p.path("text").asString().equals("once"));
		CloudEvent like = this.events.postLiked(post, author, newId());
		this.client.await("/api/posts/" + post, null, (p) -> p.path("likeCount").asLong() == 1);

		this.projection.apply(like).block(Duration.ofSeconds(10));
		this.projection.apply(like).block(Duration.ofSeconds(10));

		assertThat(this.client.get("/api/posts/" + post, null).path("likeCount").asLong()).isEqualTo(1);
		JsonNode popular = this.client.get("/api/timeline/popular?window=24h&limit=100", null);
		for (JsonNode item : popular.path("items")) {
			if (item.path("id").asString().equals(post)) {
				assertThat(item.path("score").asLong()).isEqualTo(1);
			}
		}
		assertThat(ids(popular)).contains(post);
	}

	@Test
	void commentsComeWithTheirRepliesAndCounts() {
		String author = newId();
		String post = newId();
		this.events.postCreated(post, author, "discuss", Instant.now());
		String first = newId();
		String second = newId();
		String reply1 = newId();
		String reply2 = newId();
		this.events.commentCreated(first, post, author, newId(), null, "first");
		this.events.commentCreated(reply1, post, author, newId(), first, "reply one");
		this.events.commentCreated(second, post, author, newId(), null, "second");
		this.events.commentCreated(reply2, post, author, author, first, "reply two");
		this.client.await("/api/posts/" + post, null, (p) -> p.path("commentCount").asLong() == 4);

		JsonNode comments = this.client.get("/api/posts/" + post + "/comments", null);
		assertThat(ids(comments)).containsExactly(first, second);
		JsonNode top = comments.path("items").get(0);
		assertThat(top.path("replyCount").asLong()).isEqualTo(2);
		assertThat(ids(top.path("replies").isArray() ? wrap(top.path("replies")) : null)).containsExactly(reply1,
				reply2);
		assertThat(ids(this.client.get("/api/posts/" + post + "/comments?parentId=" + first + "&limit=1", null)))
			.containsExactly(reply1);

		this.events.commentDeleted(reply2, post, author, first);
		JsonNode after = this.client.await("/api/posts/" + post, null, (p) -> p.path("commentCount").asLong() == 3);
		assertThat(after.path("commentCount").asLong()).isEqualTo(3);
		JsonNode top2 = this.client.get("/api/posts/" + post + "/comments", null).path("items").get(0);
		assertThat(top2.path("replyCount").asLong()).isEqualTo(1);

		JsonNode mostCommented = this.client.get("/api/timeline/most-commented?window=7d", null);
		assertThat(ids(mostCommented)).contains(post);
	}

	@Test
	void staleUpdatesAreDropped() {
		String author = newId();
		String post = newId();
		this.events.postCreated(post, author, "v1", Instant.now());
		this.events.postUpdated(post, author, "v3", 3);
		this.events.postUpdated(post, author, "v2 (late)", 2);
		this.events.commentCreated(newId(), post, author, author, null, "marker");
		JsonNode detail = this.client.await("/api/posts/" + post, null, (p) -> p.path("commentCount").asLong() == 1);
		assertThat(detail.path("text").asString()).isEqualTo("v3");
	}

	@Test
	void badQueryParametersAreProblems() {
		for (String path : List.of("/api/timeline/popular?window=2h", "/api/timeline/members/x?limit=0",
				"/api/timeline/members/x?limit=101", "/api/timeline/members/x?limit=ten",
				"/api/timeline/members/x?cursor=not-a-cursor", "/api/timeline/most-commented?cursor=%21%21",
				"/api/posts/bad$id", "/api/posts/p/comments?parentId=a%20b")) {
			JsonNode problem = parse(this.client.request(path, null)
				.expectStatus()
				.isBadRequest()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.returnResult()
				.getResponseBody());
			assertThat(problem.path("errors").isArray()).as(path).isTrue();
			assertThat(problem.path("errors").get(0).path("field").asString()).as(path)
				.isIn("window", "limit", "cursor", "id", "parentId");
		}
		this.client.request("/api/timeline/home?limit=500", newId()).expectStatus().isBadRequest();
		this.client.request("/api/posts/" + newId(), null).expectStatus().isNotFound();
	}

	private static JsonNode parse(byte[] body) {
		return tools.jackson.databind.json.JsonMapper.shared().readTree(body);
	}

	private static JsonNode wrap(JsonNode items) {
		return tools.jackson.databind.json.JsonMapper.shared().createObjectNode().set("items", items);
	}

}
