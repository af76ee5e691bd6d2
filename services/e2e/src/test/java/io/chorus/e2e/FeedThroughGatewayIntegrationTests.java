package io.chorus.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.chorus.e2e.Visitor.Account;
import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read side through the gateway: members write (member, content), timeline builds its feeds
 * from their events, and everyone reads through the gateway — {@code GET /api/posts/**} goes to
 * timeline, writes to content. The fan-out threshold is 2 so an author with three followers is a
 * "celebrity" whose posts are merged into feeds at read time.
 */
@ChorusInfrastructure({ Infra.MARIADB, Infra.REDIS, Infra.KAFKA, Infra.MONGO })
class FeedThroughGatewayIntegrationTests {

	private static final Duration EVENTUALLY = Duration.ofSeconds(60);

	private static ChorusStack stack;

	@BeforeAll
	static void start(TestNamespace namespace) {
		stack = ChorusStack.on(namespace).withTimeline().timeline("chorus.timeline.fan-out-threshold", "2").start();
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void followedPostsReachTheHomeFeedPushedOrMergedAndLeaveOnUnfollowAndDelete() {
		Visitor visitor = new Visitor(stack);
		Member ada = Member.of(visitor, "ada");
		Member bob = Member.of(visitor, "bob");
		Member star = Member.of(visitor, "star");
		Member fan1 = Member.of(visitor, "fan");
		Member fan2 = Member.of(visitor, "fan");
		bob.follow(visitor, ada);
		for (Member follower : List.of(bob, fan1, fan2)) {
			follower.follow(visitor, star); // three followers: above the threshold
		}
		String adaPost = visitor.post(ada.token, "pushed to my followers");
		String starPost = visitor.post(star.token, "merged when my followers read");

		Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(homeIds(visitor, bob)).contains(adaPost, starPost));
		assertThat(homeIds(visitor, fan1)).contains(starPost).doesNotContain(adaPost);

		bob.unfollow(visitor, star);
		visitor.send("DELETE", "/api/posts/" + adaPost, ada.token).exchange().expectStatus().isNoContent();
		Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(homeIds(visitor, bob))
			.doesNotContain(adaPost, starPost));
		visitor.get("/api/posts/" + adaPost, null).expectStatus().isNotFound();
		visitor.get("/api/timeline/home", null).expectStatus().isUnauthorized();
	}

	@Test
	void countersAreExactAfterConcurrentLikesAndRenamesShowOnOldPosts() {
		Visitor visitor = new Visitor(stack);
		Member ada = Member.of(visitor, "ada");
		List<Member> fans = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			fans.add(Member.of(visitor, "liker"));
		}
		String postId = visitor.post(ada.token, "like me");
		CompletableFuture.allOf(fans.stream()
			.map((fan) -> CompletableFuture.runAsync(() -> visitor.send("PUT", "/api/posts/" + postId + "/like", fan.token)
				.exchange()
				.expectStatus()
				.isNoContent()))
			.toArray(CompletableFuture[]::new)).join();
		// A repeated like changes nothing.
		visitor.send("PUT", "/api/posts/" + postId + "/like", fans.get(0).token).exchange().expectStatus().isNoContent();

		Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(post(visitor, postId, null))
			.containsEntry("likeCount", 8));
		assertThat(post(visitor, postId, fans.get(3).token)).containsEntry("likedByMe", true);
		assertThat(post(visitor, postId, ada.token)).containsEntry("likedByMe", false);

		visitor.sendJson("PATCH", "/api/members/me", ada.token, Map.of("displayName", "Ada Lovelace"))
			.expectStatus()
			.isOk();
		Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(post(visitor, postId, null).get("author"))
			.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsEntry("displayName", "Ada Lovelace"));
	}

	@Test
	void pagingWhileNewPostsArriveHasNoDuplicatesAndNoGaps() {
		Visitor visitor = new Visitor(stack);
		Member ada = Member.of(visitor, "ada");
		Member bob = Member.of(visitor, "bob");
		bob.follow(visitor, ada);
		List<String> before = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			before.add(visitor.post(ada.token, "before " + i));
		}
		Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(homeIds(visitor, bob)).contains(before.get(11)));

		List<String> seen = new ArrayList<>();
		String cursor = null;
		int page = 0;
		do {
			Map<String, Object> body = home(visitor, bob, 4, cursor);
			seen.addAll(ids(body));
			cursor = (String) body.get("nextCursor");
			visitor.post(ada.token, "arrived during page " + page++); // newer than every cursor
		}
		while (cursor != null);

		Set<String> distinct = new LinkedHashSet<>(seen);
		assertThat(distinct).as("no duplicates").hasSameSizeAs(seen);
		assertThat(seen).as("no gaps among the posts that existed when paging began").containsAll(before);
		assertThat(seen.subList(seen.indexOf(before.get(11)), seen.size())).containsSubsequence(before.reversed());
	}

	private static List<String> homeIds(Visitor visitor, Member member) {
		return ids(home(visitor, member, 100, null));
	}

	private static Map<String, Object> home(Visitor visitor, Member member, int limit, @Nullable String cursor) {
		Map<String, Object> body = Visitor.mapResult(visitor.get("/api/timeline/home?limit=" + limit
				+ ((cursor != null) ? "&cursor=" + cursor : ""), member.token).expectStatus().isOk()).getResponseBody();
		assertThat(body).isNotNull();
		return body;
	}

	@SuppressWarnings("unchecked")
	private static List<String> ids(Map<String, Object> page) {
		return ((List<Map<String, Object>>) page.get("items")).stream().map((item) -> (String) item.get("id")).toList();
	}

	private static Map<String, Object> post(Visitor visitor, String postId, @Nullable String token) {
		Map<String, Object> body = Visitor.mapResult(visitor.get("/api/posts/" + postId, token).expectStatus().isOk())
			.getResponseBody();
		assertThat(body).isNotNull();
		return body;
	}

	/** A signed-up, logged-in member. */
	private record Member(Account account, String token) {

		static Member of(Visitor visitor, String stem) {
			Account account = visitor.signup(stem);
			return new Member(account, visitor.login(account).accessToken());
		}

		void follow(Visitor visitor, Member other) {
			visitor.send("PUT", "/api/members/" + other.account.id() + "/follow", this.token).exchange()
				.expectStatus()
				.is2xxSuccessful();
		}

		void unfollow(Visitor visitor, Member other) {
			visitor.send("DELETE", "/api/members/" + other.account.id() + "/follow", this.token).exchange()
				.expectStatus()
				.is2xxSuccessful();
		}

	}

}
