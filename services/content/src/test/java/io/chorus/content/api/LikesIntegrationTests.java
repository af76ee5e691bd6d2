package io.chorus.content.api;

import java.util.List;
import java.util.stream.IntStream;

import io.chorus.content.events.ContentEvents;
import io.chorus.content.testing.ContentClient;
import io.chorus.content.testing.ContentClient.Member;
import io.chorus.content.testing.ContentEventsOnKafka.Received;
import io.chorus.content.testing.IntegrationTestBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Like sets: idempotent, exact under concurrency, one event per real change. */
class LikesIntegrationTests extends IntegrationTestBase {

	@Test
	void repeatingALikeOrAnUnlikeChangesNothingAndEmitsNothing() {
		Member ada = ContentClient.newMember("ada");
		Member bob = ContentClient.newMember("bob");
		String postId = this.client.createPost(ada, "like me");

		this.client.send("PUT", "/api/posts/" + postId + "/like", bob).exchange().expectStatus().isNoContent();
		String afterFirst = this.rows.snapshot();
		this.client.send("PUT", "/api/posts/" + postId + "/like", bob).exchange().expectStatus().isNoContent();
		assertThat(this.rows.snapshot()).isEqualTo(afterFirst);
		assertThat(likeCount(postId)).isOne();

		this.client.send("DELETE", "/api/posts/" + postId + "/like", bob).exchange().expectStatus().isNoContent();
		String afterUnlike = this.rows.snapshot();
		this.client.send("DELETE", "/api/posts/" + postId + "/like", bob).exchange().expectStatus().isNoContent();
		this.client.send("DELETE", "/api/posts/" + postId + "/like", ada).exchange().expectStatus().isNoContent();
		assertThat(this.rows.snapshot()).isEqualTo(afterUnlike);
		assertThat(likeCount(postId)).isZero();

		assertThat(this.rows.outbox(postId, ContentEvents.POST_LIKED)).isOne();
		assertThat(this.rows.outbox(postId, ContentEvents.POST_UNLIKED)).isOne();
		List<Received> events = this.events.ofPost(postId, (e) -> ContentEvents.POST_UNLIKED.equals(e.type()));
		assertThat(events).extracting(Received::type)
			.containsExactly(ContentEvents.POST_CREATED, ContentEvents.POST_LIKED, ContentEvents.POST_UNLIKED);
		assertThat(events.get(1).data().path("memberId").asString()).isEqualTo(bob.id());
		assertThat(events.get(1).data().path("postAuthorId").asString()).isEqualTo(ada.id());
	}

	@Test
	void concurrentLikesFromOneMemberMakeOneRowAndOneEvent() {
		Member ada = ContentClient.newMember("ada");
		Member bob = ContentClient.newMember("bob");
		String postId = this.client.createPost(ada, "double tap");

		List<Integer> statuses = this.client.concurrently("PUT", "/api/posts/" + postId + "/like",
				IntStream.range(0, 12).mapToObj((i) -> bob).toList());

		assertThat(statuses).containsOnly(204).hasSize(12);
		assertThat(this.rows.count("SELECT COUNT(*) FROM post_like WHERE post_id = ?", postId)).isOne();
		assertThat(likeCount(postId)).isOne();
		assertThat(this.rows.outbox(postId, ContentEvents.POST_LIKED)).isOne();
		// Marker: ada's own like, after every one of bob's attempts committed.
		this.client.send("PUT", "/api/posts/" + postId + "/like", ada).exchange().expectStatus().isNoContent();
		List<Received> likes = this.events
			.ofPost(postId, (e) -> ContentEvents.POST_LIKED.equals(e.type())
					&& ada.id().equals(e.data().path("memberId").asString()))
			.stream()
			.filter((e) -> ContentEvents.POST_LIKED.equals(e.type()))
			.toList();
		assertThat(likes).extracting((e) -> e.data().path("memberId").asString()).containsExactly(bob.id(), ada.id());
	}

	@Test
	void concurrentLikesFromManyMembersAreCountedExactly() {
		Member ada = ContentClient.newMember("ada");
		String postId = this.client.createPost(ada, "popular");
		List<Member> fans = IntStream.range(0, 24).mapToObj((i) -> ContentClient.newMember("fan" + i)).toList();

		List<Integer> statuses = this.client.concurrently("PUT", "/api/posts/" + postId + "/like", fans);

		assertThat(statuses).containsOnly(204).hasSize(24);
		assertThat(this.rows.count("SELECT COUNT(*) FROM post_like WHERE post_id = ?", postId)).isEqualTo(24);
		assertThat(likeCount(postId)).isEqualTo(24);
		assertThat(this.rows.outbox(postId, ContentEvents.POST_LIKED)).isEqualTo(24);

		List<Integer> unlikes = this.client.concurrently("DELETE", "/api/posts/" + postId + "/like", fans.subList(0, 10));
		assertThat(unlikes).containsOnly(204);
		assertThat(likeCount(postId)).isEqualTo(14);
		assertThat(this.rows.count("SELECT COUNT(*) FROM post_like WHERE post_id = ?", postId)).isEqualTo(14);
		assertThat(this.rows.outbox(postId, ContentEvents.POST_UNLIKED)).isEqualTo(10);
	}

	@Test
	void commentLikesAreIdempotentAndExactToo() {
		Member ada = ContentClient.newMember("ada");
		Member bob = ContentClient.newMember("bob");
		String postId = this.client.createPost(ada, "discuss");
		String commentId = this.client.comment(bob, postId, "first!", null);

		List<Integer> same = this.client.concurrently("PUT", "/api/comments/" + commentId + "/like",
				IntStream.range(0, 8).mapToObj((i) -> ada).toList());
		assertThat(same).containsOnly(204);
		List<Member> fans = IntStream.range(0, 10).mapToObj((i) -> ContentClient.newMember("fan" + i)).toList();
		assertThat(this.client.concurrently("PUT", "/api/comments/" + commentId + "/like", fans)).containsOnly(204);

		assertThat(this.rows.count("SELECT like_count FROM comment WHERE id = ?", commentId)).isEqualTo(11);
		assertThat(this.rows.count("SELECT COUNT(*) FROM comment_like WHERE comment_id = ?", commentId)).isEqualTo(11);
		assertThat(this.rows.outbox(postId, ContentEvents.COMMENT_LIKED)).isEqualTo(11);

		this.client.send("DELETE", "/api/comments/" + commentId + "/like", ada).exchange().expectStatus().isNoContent();
		this.client.send("DELETE", "/api/comments/" + commentId + "/like", ada).exchange().expectStatus().isNoContent();
		assertThat(this.rows.count("SELECT like_count FROM comment WHERE id = ?", commentId)).isEqualTo(10);
		assertThat(this.rows.outbox(postId, ContentEvents.COMMENT_UNLIKED)).isOne();
	}

	private long likeCount(String postId) {
		return this.rows.count("SELECT like_count FROM post WHERE id = ?", postId);
	}

}
