package io.chorus.activity.api;

import java.util.ArrayList;
import java.util.List;

import io.chorus.activity.testing.IntegrationTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class FollowingFeedIntegrationTests extends IntegrationTestBase {

	private static final String FOLLOWING = "/api/activity/following";

	@Test
	void showsWhatTheFollowedMembersDidAcrossTopics() {
		this.events.registered("f-bob", "bob", "Bob B.");
		this.events.registered("f-cid", "cid", "Cid C.");
		this.events.followed("f-ann", "f-bob");
		this.events.followed("f-ann", "f-cid");
		this.events.postCreated("f-p1", "f-bob", "hello world");
		this.events.commentCreated("f-c1", "f-p9", "f-dan", "f-cid", null, null, "first!");
		this.events.postLiked("f-p9", "f-dan", "f-bob");
		this.events.trackPublished("f-t1", "f-a1", "f-cid", "Song One");
		this.events.followed("f-bob", "f-dan");
		// someone Ann does not follow
		this.events.postCreated("f-p2", "f-eve", "not followed");

		List<JsonNode> items = awaitItems(FOLLOWING, "f-ann", i -> i.size() == 5);

		assertThat(items).extracting(i -> i.path("kind").asString())
			.containsExactlyInAnyOrder("POSTED", "COMMENTED", "POST_LIKED", "TRACK_PUBLISHED", "FOLLOWED");
		assertThat(items).extracting(i -> i.path("actor").path("id").asString()).containsOnly("f-bob", "f-cid");
		JsonNode posted = items.stream().filter(i -> i.path("kind").asString().equals("POSTED")).findFirst().orElseThrow();
		assertThat(posted.path("text").asString()).isEqualTo("hello world");
		assertThat(posted.path("actor").path("displayName").asString()).isEqualTo("Bob B.");
		JsonNode track = items.stream()
			.filter(i -> i.path("kind").asString().equals("TRACK_PUBLISHED"))
			.findFirst()
			.orElseThrow();
		assertThat(track.path("trackId").asString()).isEqualTo("f-t1");
		assertThat(track.path("text").asString()).isEqualTo("Song One");
		JsonNode follow = items.stream().filter(i -> i.path("kind").asString().equals("FOLLOWED")).findFirst().orElseThrow();
		assertThat(follow.path("targetMember").path("id").asString()).isEqualTo("f-dan");
	}

	@Test
	void unfollowingAndDeletingTakeEffectOnTheNextRead() {
		this.events.followed("x-ann", "x-bob");
		this.events.followed("x-ann", "x-cid");
		this.events.postCreated("x-p1", "x-bob", "bob's post");
		this.events.postCreated("x-p2", "x-cid", "cid's post");
		this.events.postCreated("x-p3", "x-cid", "cid's other post");
		awaitItems(FOLLOWING, "x-ann", i -> i.size() == 3);

		this.events.unfollowed("x-ann", "x-bob");
		this.events.postDeleted("x-p3", "x-cid");

		List<JsonNode> items = awaitItems(FOLLOWING, "x-ann", i -> i.size() == 1);
		assertThat(items.getFirst().path("postId").asString()).isEqualTo("x-p2");
	}

	@Test
	void aDeactivatedMembersDoingsDisappearFromFeedsAndNotifications() {
		this.events.followed("z-ann", "z-bob");
		this.events.followed("z-bob", "z-ann");
		this.events.postCreated("z-p1", "z-bob", "before leaving");
		this.events.postLiked("z-p0", "z-ann", "z-bob");
		awaitItems(FOLLOWING, "z-ann", i -> i.size() == 3);
		awaitItems("/api/activity/me", "z-ann", i -> i.size() == 2);

		this.events.deactivated("z-bob", "bob");

		awaitItems(FOLLOWING, "z-ann", List::isEmpty);
		awaitItems("/api/activity/me", "z-ann", List::isEmpty);
	}

	@Test
	void nobodyFollowedMeansAnEmptyFeed() {
		JsonNode page = get(FOLLOWING, "lonely");
		assertThat(page.path("items").size()).isZero();
		assertThat(page.path("nextCursor").isNull()).isTrue();
	}

	@Test
	void pagesHaveNoDuplicatesOrGapsWhileNewActivityArrives() {
		this.events.followed("g-ann", "g-bob");
		this.events.followed("g-ann", "g-cid");
		for (int i = 0; i < 20; i++) {
			this.events.postCreated("g-p" + i, (i % 2 == 0) ? "g-bob" : "g-cid", "post " + i);
		}
		List<String> before = awaitItems(FOLLOWING, "g-ann", i -> i.size() == 20).stream()
			.map(i -> i.path("id").asString())
			.toList();

		List<String> seen = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			JsonNode body = get(FOLLOWING + "?limit=6" + ((cursor != null) ? "&cursor=" + cursor : ""), "g-ann");
			body.path("items").forEach(i -> seen.add(i.path("id").asString()));
			cursor = body.path("nextCursor").isString() ? body.path("nextCursor").asString() : null;
			this.events.postCreated("g-new" + pages++, "g-bob", "arrives while paging");
		}
		while (cursor != null);

		assertThat(pages).isEqualTo(4);
		assertThat(seen).doesNotHaveDuplicates().containsExactlyElementsOf(before);
	}

}
