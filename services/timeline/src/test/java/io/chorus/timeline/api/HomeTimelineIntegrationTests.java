package io.chorus.timeline.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.chorus.testkit.blockhound.BlockHoundProbe;
import io.chorus.timeline.testing.Events;
import io.chorus.timeline.testing.IntegrationTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;

import static io.chorus.timeline.testing.Events.newId;
import static io.chorus.timeline.testing.TimelineClient.ids;
import static org.assertj.core.api.Assertions.assertThat;

/** The follow feed: push and read-time merge, unfollow/delete, backfill, paging, profile copies. */
class HomeTimelineIntegrationTests extends IntegrationTestBase {

	private static final String HOME = "/api/timeline/home";

	@Test
	void blockHoundIsActive() {
		BlockHoundProbe.assertInstalled();
	}

	@Test
	void aPostBySomeoneIFollowAppearsInMyHomeFeed() {
		String ann = member("ann");
		String bob = member("bob");
		this.events.followed(bob, ann);
		awaitFollowers(ann, 1);
		String post = newId();
		this.events.postCreated(post, ann, "hello from ann", Instant.now());

		JsonNode home = this.client.await(HOME, bob, (page) -> ids(page).contains(post));
		JsonNode item = home.path("items").get(0);
		assertThat(item.path("id").asString()).isEqualTo(post);
		assertThat(item.path("text").asString()).isEqualTo("hello from ann");
		assertThat(item.path("authorId").asString()).isEqualTo(ann);
		assertThat(item.path("author").path("handle").asString()).isEqualTo("ann");
		assertThat(item.path("likeCount").asLong()).isZero();
		assertThat(item.path("likedByMe").asBoolean()).isFalse();
		assertThat(inRedisFeed(bob, post)).as("pushed into bob's feed").isTrue();
		assertThat(ids(this.client.get(HOME, ann))).as("authors see their own posts").contains(post);
	}

	@Test
	void aHighFollowerAuthorsPostIsMergedAtReadTime() {
		String star = member("star");
		String fan = member("fan");
		this.events.followed(fan, star);
		for (int i = 0; i < THRESHOLD; i++) {
			this.events.followed(member("extra" + i), star);
		}
		awaitFollowers(star, THRESHOLD + 1);
		String post = newId();
		this.events.postCreated(post, star, "to my many fans", Instant.now());

		this.client.await(HOME, fan, (page) -> ids(page).contains(post));
		assertThat(inRedisFeed(fan, post)).as("not fanned out: merged at read time").isFalse();
		assertThat(ids(this.client.get(HOME, star))).contains(post);
	}

	@Test
	void unfollowAndDeleteTakeEffectOnTheNextRead() {
		String ann = member("ann2");
		String star = celebrity("star2");
		String bob = member("bob2");
		this.events.followed(bob, ann);
		this.events.followed(bob, star);
		awaitFollowers(star, THRESHOLD + 2);
		String annPost = newId();
		String starPost = newId();
		String starKept = newId();
		this.events.postCreated(annPost, ann, "pushed", Instant.now());
		this.events.postCreated(starPost, star, "pulled", Instant.now());
		this.events.postCreated(starKept, star, "pulled and kept", Instant.now());
		this.client.await(HOME, bob, (page) -> ids(page).containsAll(List.of(annPost, starPost, starKept)));

		this.events.unfollowed(bob, ann);
		this.client.await(HOME, bob, (page) -> !ids(page).contains(annPost));
		this.events.postDeleted(starPost, star, 2);
		JsonNode home = this.client.await(HOME, bob, (page) -> !ids(page).contains(starPost));
		assertThat(ids(home)).containsExactly(starKept);
		assertThat(ids(this.client.get("/api/timeline/members/" + star, null))).containsExactly(starKept);
		this.client.request("/api/posts/" + starPost, null).expectStatus().isNotFound();
	}

	@Test
	void aNewFollowBackfillsTheFolloweesRecentPosts() {
		String ann = member("ann3");
		List<String> posts = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			String post = newId();
			posts.add(post);
			this.events.postCreated(post, ann, "before the follow " + i, Instant.now().minusSeconds(60 - i));
		}
		this.client.await("/api/timeline/members/" + ann, null, (page) -> ids(page).size() == 3);
		String dan = member("dan3");
		assertThat(ids(this.client.get(HOME, dan))).isEmpty();

		this.events.followed(dan, ann);
		JsonNode home = this.client.await(HOME, dan, (page) -> ids(page).size() == 3);
		assertThat(ids(home)).containsExactly(posts.get(2), posts.get(1), posts.get(0));
	}

	/**
	 * Pages through a feed mixing pushed and read-time authors (with equal timestamps) while newer
	 * posts keep arriving: every older post is seen exactly once, in order.
	 */
	@Test
	void pagingUnderConcurrentInsertsHasNoDuplicatesOrGaps() throws Exception {
		String fay = member("fay");
		String star = celebrity("star4");
		String gus = member("gus");
		this.events.followed(gus, fay);
		this.events.followed(gus, star);
		awaitFollowers(star, THRESHOLD + 2);
		awaitFollowers(fay, 1);
		Instant base = Instant.now().minusSeconds(3600);
		List<String> older = new ArrayList<>();
		for (int i = 0; i < 45; i++) {
			String post = newId();
			older.add(post);
			// pairs share a millisecond: ties are broken by id, across the push and pull sources
			this.events.postCreated(post, (i % 3 == 0) ? star : fay, "old " + i, base.plusMillis(i / 2));
		}
		this.client.await(HOME + "?limit=100", gus, (page) -> ids(page).size() == 45);

		CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
			for (int i = 0; i < 30; i++) {
				this.events.postCreated(newId(), (i % 2 == 0) ? star : fay, "new " + i, Instant.now());
				this.events.flush();
			}
		});
		List<String> seen = new ArrayList<>();
		String cursor = null;
		do {
			JsonNode page = this.client.get(HOME + "?limit=7" + ((cursor != null) ? "&cursor=" + cursor : ""), gus);
			seen.addAll(ids(page));
			cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asString();
		}
		while (cursor != null);
		writer.get();

		assertThat(new HashSet<>(seen)).as("no duplicates").hasSize(seen.size());
		List<String> olderSeen = seen.stream().filter(older::contains).toList();
		assertThat(olderSeen).as("no gaps").hasSize(older.size());
		assertThat(olderSeen).as("newest first, ties by id")
			.isEqualTo(older.stream().sorted(byTimeThenId(older)).toList());
	}

	@Test
	void aProfileRenameShowsOnOldPosts() {
		String ann = member("ann5");
		String old = newId();
		this.events.postCreated(old, ann, "written before the rename", Instant.now());
		this.client.await("/api/timeline/members/" + ann, null,
				(page) -> "ann5".equals(page.path("items").path(0).path("author").path("displayName").asString()));

		this.events.profileUpdated(ann, "ann_lee", "Ann Lee", "https://img.example/ann.png");
		JsonNode page = this.client.await("/api/timeline/members/" + ann, null,
				(p) -> "Ann Lee".equals(p.path("items").path(0).path("author").path("displayName").asString()));
		JsonNode author = page.path("items").get(0).path("author");
		assertThat(author.path("handle").asString()).isEqualTo("ann_lee");
		assertThat(author.path("avatarUrl").asString()).isEqualTo("https://img.example/ann.png");
		assertThat(this.client.get("/api/posts/" + old, null).path("author").path("displayName").asString())
			.isEqualTo("Ann Lee");
	}

	@Test
	void theHomeFeedNeedsAPassport() {
		this.client.request(HOME, null)
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	private String member(String handle) {
		String id = newId();
		this.events.registered(id, handle, handle);
		return id;
	}

	/** A member with more followers than the fan-out threshold. */
	private String celebrity(String handle) {
		String id = member(handle);
		for (int i = 0; i <= THRESHOLD; i++) {
			this.events.followed(newId(), id);
		}
		return id;
	}

	/** Newest first as the service orders: creation millisecond desc, then id desc. */
	private java.util.Comparator<String> byTimeThenId(List<String> older) {
		return java.util.Comparator.<String>comparingInt((id) -> older.indexOf(id) / 2)
			.thenComparing((id) -> id)
			.reversed();
	}

}
