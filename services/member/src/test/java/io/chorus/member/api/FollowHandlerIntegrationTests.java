package io.chorus.member.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.chorus.member.testing.IntegrationTestBase;
import io.chorus.member.testing.MemberClient.Account;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Follow graph: idempotent edges, atomic counts, keyset paging, recommendations, events. */
class FollowHandlerIntegrationTests extends IntegrationTestBase {

	@Test
	void followAndUnfollowAreIdempotentAndKeepCounts() {
		Account ann = this.client.signup("ann");
		Account bob = this.client.signup("bob");
		String follow = "/api/members/" + bob.id() + "/follow";
		long outbox = this.rows.count("chorus_outbox");

		this.client.send("PUT", follow, ann).exchange().expectStatus().isNoContent();
		this.client.send("PUT", follow, ann).exchange().expectStatus().isNoContent();
		assertThat(this.rows.count("SELECT COUNT(*) FROM follow WHERE follower_id = ?", ann.id())).isOne();
		assertThat(this.rows.count("chorus_outbox")).isEqualTo(outbox + 1);
		profile(bob).jsonPath("$.followerCount").isEqualTo(1).jsonPath("$.followingCount").isEqualTo(0);
		profile(ann).jsonPath("$.followingCount").isEqualTo(1);
		this.events.await("chorus.member.member.followed.v1",
				(e) -> e.subject().equals(ann.id()) && e.data().path("followeeId").asString().equals(bob.id())
						&& e.data().path("followerId").asString().equals(ann.id()));

		this.client.send("DELETE", follow, ann).exchange().expectStatus().isNoContent();
		this.client.send("DELETE", follow, ann).exchange().expectStatus().isNoContent();
		assertThat(this.rows.count("SELECT COUNT(*) FROM follow WHERE follower_id = ?", ann.id())).isZero();
		assertThat(this.rows.count("chorus_outbox")).isEqualTo(outbox + 2);
		profile(bob).jsonPath("$.followerCount").isEqualTo(0);
		this.events.await("chorus.member.member.unfollowed.v1",
				(e) -> e.subject().equals(ann.id()) && e.data().path("followeeId").asString().equals(bob.id()));
	}

	@Test
	void selfFollowUnknownMembersAndAnonymousCallersAreRefused() {
		Account cid = this.client.signup("cid");
		long before = this.rows.count("follow");
		this.client.send("PUT", "/api/members/" + cid.id() + "/follow", cid)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		this.client.send("PUT", "/api/members/0190a7e2-3b4c-7d5e-8f60-1a2b3c4d5e6f/follow", cid)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		this.client.send("PUT", "/api/members/not-an-id/follow", cid).exchange().expectStatus().isNotFound();
		this.client.send("PUT", "/api/members/" + cid.id() + "/follow", null).exchange().expectStatus().isUnauthorized();
		assertThat(this.rows.count("follow")).isEqualTo(before);
	}

	@Test
	void followersPageWithoutDuplicatesOrGapsAcrossMoreThanTwoPages() {
		Account star = this.client.signup("star");
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < 11; i++) {
			Account fan = this.client.signup("fan");
			this.client.send("PUT", "/api/members/" + star.id() + "/follow", fan).exchange().expectStatus().isNoContent();
			expected.add(0, fan.id());
		}
		List<String> seen = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			Map<String, Object> page = page("/api/members/" + star.id() + "/followers", cursor, 4);
			@SuppressWarnings("unchecked")
			List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
			assertThat(items).hasSizeLessThanOrEqualTo(4).isNotEmpty();
			items.forEach((item) -> seen.add((String) item.get("id")));
			cursor = (String) page.get("nextCursor");
			pages++;
		}
		while (cursor != null);
		assertThat(pages).isEqualTo(3);
		assertThat(seen).containsExactlyElementsOf(expected);
		assertThat(new HashSet<>(seen)).hasSize(11);
		profile(star).jsonPath("$.followerCount").isEqualTo(11);

		Map<String, Object> followings = page("/api/members/" + expected.get(0) + "/followings", null, 100);
		assertThat(followings.get("nextCursor")).isNull();
		assertThat((List<?>) followings.get("items")).hasSize(1);
	}

	@Test
	void pagingInputIsValidated() {
		Account dee = this.client.signup("dee");
		String base = "/api/members/" + dee.id() + "/followers";
		for (String query : List.of("?limit=0", "?limit=101", "?limit=ten", "?cursor=bm9wZQ")) {
			this.client.get(base + query, null)
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		}
		this.client.get("/api/members/0190a7e2-3b4c-7d5e-8f60-1a2b3c4d5e6f/followers", null)
			.exchange()
			.expectStatus()
			.isNotFound();
		this.client.get("/api/members/recommendations?limit=51", dee).exchange().expectStatus().isBadRequest();
	}

	@Test
	void recommendationsOfferFriendsOfFriendsThenNewMembersButNeverSelfOrFollowed() {
		Account me = this.client.signup("me");
		Account friend = this.client.signup("friend");
		Account fof = this.client.signup("fof");
		Account newbie = this.client.signup("newbie");
		this.client.send("PUT", "/api/members/" + friend.id() + "/follow", me).exchange().expectStatus().isNoContent();
		this.client.send("PUT", "/api/members/" + fof.id() + "/follow", friend).exchange().expectStatus().isNoContent();

		Map<?, ?> body = this.client.get("/api/members/recommendations?limit=50", me)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> items = (List<Map<String, Object>>) body.get("items");
		Set<Object> ids = new HashSet<>();
		items.forEach((item) -> ids.add(item.get("id")));
		assertThat(items.get(0)).containsEntry("id", fof.id()).containsEntry("reason", "followed-by-your-followings");
		assertThat(ids).contains(newbie.id()).doesNotContain(me.id(), friend.id());
		assertThat(ids).hasSize(items.size());
		this.client.get("/api/members/recommendations", null).exchange().expectStatus().isUnauthorized();
	}

	private WebTestClient.BodyContentSpec profile(Account account) {
		return this.client.get("/api/members/" + account.id(), null).exchange().expectStatus().isOk().expectBody();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> page(String path, @Nullable String cursor, int limit) {
		String uri = path + "?limit=" + limit + ((cursor != null) ? "&cursor=" + cursor : "");
		return this.client.get(uri, null).exchange().expectStatus().isOk().expectBody(Map.class).returnResult()
			.getResponseBody();
	}

}
