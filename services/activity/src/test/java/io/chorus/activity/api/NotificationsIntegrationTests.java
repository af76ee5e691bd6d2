package io.chorus.activity.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.chorus.activity.testing.IntegrationTestBase;
import io.chorus.platform.events.CloudEvent;
import io.chorus.testkit.blockhound.BlockHoundProbe;
import io.chorus.testkit.passport.TestPassports;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationsIntegrationTests extends IntegrationTestBase {

	private static final String ME = "/api/activity/me";

	@Test
	void blockHoundIsActive() {
		BlockHoundProbe.assertInstalled();
	}

	@Test
	void everyKindIsNotifiedWithTheActorRendered() {
		this.events.registered("n-bob", "bob", "Bob B.");
		this.events.followed("n-bob", "n-ann");
		this.events.postLiked("n-p1", "n-ann", "n-bob");
		this.events.commentCreated("n-c1", "n-p1", "n-ann", "n-bob", null, null, "nice post");
		this.events.commentCreated("n-c2", "n-p1", "n-ann", "n-cid", "n-c0", "n-ann", "a reply to Ann");
		this.events.commentLiked("n-c0", "n-p1", "n-ann", "n-bob");

		List<JsonNode> items = awaitItems(ME, "n-ann", i -> i.size() == 5);

		assertThat(items).extracting(i -> i.path("kind").asString())
			.containsExactlyInAnyOrder("COMMENT_LIKED", "COMMENT_REPLIED", "POST_COMMENTED", "POST_LIKED", "FOLLOWED");
		assertThat(items).extracting(i -> Instant.parse(i.path("at").asString()))
			.isSortedAccordingTo(Comparator.reverseOrder());
		JsonNode follow = one(items, "FOLLOWED");
		assertThat(follow.path("actor").path("id").asString()).isEqualTo("n-bob");
		assertThat(follow.path("actor").path("handle").asString()).isEqualTo("bob");
		assertThat(follow.path("actor").path("displayName").asString()).isEqualTo("Bob B.");
		assertThat(one(items, "COMMENT_REPLIED").path("commentId").asString()).isEqualTo("n-c2");
		assertThat(one(items, "COMMENT_REPLIED").path("text").asString()).isEqualTo("a reply to Ann");
		assertThat(one(items, "POST_COMMENTED").path("commentId").asString()).isEqualTo("n-c1");
		assertThat(one(items, "POST_LIKED").path("postId").asString()).isEqualTo("n-p1");
		assertThat(one(items, "COMMENT_LIKED").path("commentId").asString()).isEqualTo("n-c0");
		// the reply to Ann's comment on Ann's post is one notification (the reply), not two
		assertThat(count(items, "POST_COMMENTED")).isEqualTo(1);
	}

	@Test
	void chatMessagesNotifyTheirOfflineRecipientsOnceEach() {
		this.events.registered("ch-ann", "ann", "Ann A.");
		var posted = this.events.chatMessagePosted("ch-m1", "ch-room", "ch-ann", "see you at eight",
				List.of("ch-bob", "ch-cid"));
		this.events.publish(this.events.chatTopic, posted); // redelivered: still one notification each

		List<JsonNode> bobs = awaitItems(ME, "ch-bob", i -> count(i, "CHAT_MESSAGE") == 1);
		awaitItems(ME, "ch-cid", i -> count(i, "CHAT_MESSAGE") == 1);
		// a later event on the same topic shows the repeat was consumed without a second entry
		this.events.chatMessagePosted("ch-m2", "ch-room", "ch-ann", "later", List.of("ch-bob"));
		bobs = awaitItems(ME, "ch-bob", i -> count(i, "CHAT_MESSAGE") == 2);

		JsonNode first = bobs.stream().filter(n -> n.path("text").asString().equals("see you at eight")).findFirst()
			.orElseThrow();
		assertThat(first.path("roomId").asString()).isEqualTo("ch-room");
		assertThat(first.path("actor").path("id").asString()).isEqualTo("ch-ann");
		assertThat(first.path("actor").path("handle").asString()).isEqualTo("ann");
		assertThat(awaitItems(ME, "ch-ann", i -> true)).noneMatch(n -> n.path("kind").asString().equals("CHAT_MESSAGE"));
	}

	@Test
	void aReplyNotifiesTheParentAuthorAndThePostAuthor() {
		this.events.commentCreated("r-c2", "r-p1", "r-ann", "r-bob", "r-c1", "r-cid", "reply");

		awaitItems(ME, "r-ann", i -> count(i, "POST_COMMENTED") == 1);
		List<JsonNode> toParent = awaitItems(ME, "r-cid", i -> count(i, "COMMENT_REPLIED") == 1);

		assertThat(toParent).hasSize(1);
		assertThat(toParent.getFirst().path("actor").path("id").asString()).isEqualTo("r-bob");
	}

	@Test
	void ownActionsAreNeverNotified() {
		this.events.followed("s-ann", "s-ann");
		this.events.postLiked("s-p1", "s-ann", "s-ann");
		this.events.commentCreated("s-c1", "s-p1", "s-ann", "s-ann", null, null, "my own comment");
		this.events.commentCreated("s-c2", "s-p1", "s-ann", "s-ann", "s-c1", "s-ann", "my own reply");
		this.events.commentLiked("s-c1", "s-p1", "s-ann", "s-ann");
		// later events on the same single-partition topics: once they show, the above were consumed
		this.events.followed("s-bob", "s-ann");
		this.events.postLiked("s-p1", "s-ann", "s-bob");

		List<JsonNode> items = awaitItems(ME, "s-ann", i -> i.size() >= 2);

		assertThat(items).extracting(i -> i.path("actor").path("id").asString()).containsOnly("s-bob");
		assertThat(items).hasSize(2);
	}

	@Test
	void theSameEventDeliveredTwiceIsNotifiedOnce() {
		CloudEvent like = this.events.postLikedEvent("d-p1", "d-ann", "d-bob");
		this.events.publish(this.events.contentTopic, like);
		this.events.publish(this.events.contentTopic, like);
		this.events.postLiked("d-p2", "d-ann", "d-bob");

		List<JsonNode> items = awaitItems(ME, "d-ann", i -> i.size() >= 2);

		assertThat(items).extracting(i -> i.path("postId").asString()).containsExactlyInAnyOrder("d-p2", "d-p1");
		assertThat(this.faults.calls(like.id())).as("the duplicate is skipped by the deduplicator").isEqualTo(1);
	}

	@Test
	void applyingTheSameEventAgainPastTheDeduplicatorWritesNothingNew() {
		CloudEvent like = this.events.postLikedEvent("w-p1", "w-ann", "w-bob");
		CloudEvent comment = this.events.event("content", "comment", "created", "w-p1",
				Map.of("commentId", "w-c1", "postId", "w-p1", "postAuthorId", "w-ann", "authorId", "w-bob",
						"text", "hi", "createdAt", like.time().toString(), "version", 1));

		this.handler.handle(like).then(this.handler.handle(comment)).block();
		this.handler.handle(like).then(this.handler.handle(comment)).block();

		assertThat(all(ME, "w-ann")).extracting(i -> i.path("kind").asString())
			.containsExactlyInAnyOrder("POST_LIKED", "POST_COMMENTED");
	}

	@Test
	void aStaleLikeAppliedAfterTheUnlikeDoesNotComeBack() {
		CloudEvent like = this.events.postLikedEvent("o-p1", "o-ann", "o-bob");
		CloudEvent unlike = this.events.event("content", "post", "unliked", "o-p1", Map.of("postId", "o-p1",
				"postAuthorId", "o-ann", "memberId", "o-bob", "at", like.time().toString()));

		// as after a dead-letter replay: the later unlike was applied first
		this.handler.handle(unlike).then(this.handler.handle(like)).block();

		assertThat(all(ME, "o-ann")).isEmpty();
	}

	@Test
	void unlikeUnfollowAndDeleteRemoveTheNotification() {
		this.events.postLiked("u-p1", "u-ann", "u-bob");
		this.events.followed("u-bob", "u-ann");
		this.events.commentCreated("u-c1", "u-p1", "u-ann", "u-bob", null, null, "soon gone");
		awaitItems(ME, "u-ann", i -> i.size() == 3);

		this.events.postUnliked("u-p1", "u-ann", "u-bob");
		this.events.unfollowed("u-bob", "u-ann");
		this.events.commentDeleted("u-c1", "u-p1", "u-bob");

		awaitItems(ME, "u-ann", List::isEmpty);
		// liking again notifies again (one notification per liker and post)
		this.events.postLiked("u-p1", "u-ann", "u-bob");
		List<JsonNode> items = awaitItems(ME, "u-ann", i -> i.size() == 1);
		assertThat(items.getFirst().path("kind").asString()).isEqualTo("POST_LIKED");
	}

	@Test
	void pagesAreNewestFirstWithoutDuplicatesOrGapsWhileNewEventsArrive() {
		for (int i = 0; i < 25; i++) {
			this.events.postLiked("g-p" + i, "g-ann", "g-liker");
		}
		List<JsonNode> before = awaitItems(ME, "g-ann", i -> i.size() == 25);
		List<String> seen = new ArrayList<>();
		String cursor = null;
		int page = 0;
		do {
			JsonNode body = get(ME + "?limit=7" + ((cursor != null) ? "&cursor=" + cursor : ""), "g-ann");
			body.path("items").forEach(i -> seen.add(i.path("id").asString()));
			cursor = body.path("nextCursor").isString() ? body.path("nextCursor").asString() : null;
			// newer notifications arrive between pages
			this.events.postLiked("g-new" + page++, "g-ann", "g-liker");
		}
		while (cursor != null);

		assertThat(page).as("pages").isEqualTo(4);
		assertThat(seen).doesNotHaveDuplicates()
			.containsExactlyElementsOf(before.stream().map(i -> i.path("id").asString()).toList());
	}

	private static JsonNode one(List<JsonNode> items, String kind) {
		return items.stream().filter(i -> i.path("kind").asString().equals(kind)).findFirst().orElseThrow();
	}

	@Test
	void aPassportIsRequired() {
		this.http.get().uri(ME).exchange().expectStatus().isUnauthorized();
		this.http.get().uri("/api/activity/following").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void badPagingParametersAreFieldErrors() {
		this.http.get()
			.uri(ME + "?limit=101")
			.header(TestPassports.HEADER, member("x"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("limit");
		this.http.get()
			.uri(ME + "?cursor=not-a-cursor")
			.header(TestPassports.HEADER, member("x"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("cursor");
	}

}
