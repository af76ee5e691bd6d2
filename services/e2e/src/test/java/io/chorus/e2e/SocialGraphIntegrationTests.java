package io.chorus.e2e;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import io.chorus.e2e.Visitor.Account;
import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** Follow, unfollow and paging the graph through the gateway. */
@ChorusInfrastructure({ Infra.MARIADB, Infra.REDIS, Infra.KAFKA })
class SocialGraphIntegrationTests {

	private static ChorusStack stack;

	@BeforeAll
	static void start(TestNamespace namespace) {
		stack = ChorusStack.on(namespace).start();
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void followIsIdempotentUnfollowUndoesItAndSelfFollowIsRefused() {
		Visitor visitor = new Visitor(stack);
		Account gil = visitor.signup("gil");
		Account hal = visitor.signup("hal");
		String gilToken = visitor.login(gil).accessToken();

		visitor.send("PUT", "/api/members/" + hal.id() + "/follow", gilToken).exchange().expectStatus().isNoContent();
		visitor.send("PUT", "/api/members/" + hal.id() + "/follow", gilToken).exchange().expectStatus().isNoContent();
		visitor.get("/api/members/" + hal.id(), null).expectStatus().isOk().expectBody().jsonPath("$.followerCount").isEqualTo(1);
		visitor.get("/api/members/" + gil.id(), null).expectStatus().isOk().expectBody().jsonPath("$.followingCount").isEqualTo(1);

		visitor.send("PUT", "/api/members/" + gil.id() + "/follow", gilToken)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		visitor.send("PUT", "/api/members/" + hal.id() + "/follow", null).exchange().expectStatus().isUnauthorized();

		visitor.send("DELETE", "/api/members/" + hal.id() + "/follow", gilToken).exchange().expectStatus().isNoContent();
		visitor.send("DELETE", "/api/members/" + hal.id() + "/follow", gilToken).exchange().expectStatus().isNoContent();
		visitor.get("/api/members/" + hal.id(), null).expectStatus().isOk().expectBody().jsonPath("$.followerCount").isEqualTo(0);
		assertThat(items(visitor, "/api/members/" + hal.id() + "/followers?limit=10")).isEmpty();
	}

	@Test
	void followersPageNewestFirstWithoutDuplicatesOrGaps() {
		Visitor visitor = new Visitor(stack);
		Account star = visitor.signup("star");
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			Account fan = visitor.signup("fan");
			String token = visitor.login(fan).accessToken();
			visitor.send("PUT", "/api/members/" + star.id() + "/follow", token).exchange().expectStatus().isNoContent();
			expected.add(0, fan.id());
		}
		List<String> seen = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			Map<String, Object> page = page(visitor, "/api/members/" + star.id() + "/followers?limit=3", cursor);
			((List<?>) page.get("items")).forEach((item) -> seen.add((String) ((Map<?, ?>) item).get("id")));
			cursor = (String) page.get("nextCursor");
			pages++;
		}
		while (cursor != null);
		assertThat(pages).isEqualTo(3);
		assertThat(seen).containsExactlyElementsOf(expected);
		assertThat(new HashSet<>(seen)).hasSize(7);
		assertThat(items(visitor, "/api/members/" + expected.get(0) + "/followings?limit=10")).hasSize(1);
		visitor.get("/api/members/" + star.id() + "/followers?limit=101", null).expectStatus().isBadRequest();
	}

	@Test
	void recommendationsSuggestFriendsOfFriendsButNeverSelfOrAlreadyFollowed() {
		Visitor visitor = new Visitor(stack);
		Account ivy = visitor.signup("ivy");
		Account jon = visitor.signup("jon");
		Account kim = visitor.signup("kim");
		String ivyToken = visitor.login(ivy).accessToken();
		String jonToken = visitor.login(jon).accessToken();
		visitor.send("PUT", "/api/members/" + jon.id() + "/follow", ivyToken).exchange().expectStatus().isNoContent();
		visitor.send("PUT", "/api/members/" + kim.id() + "/follow", jonToken).exchange().expectStatus().isNoContent();

		List<String> suggested = new ArrayList<>();
		items(visitor, "/api/members/recommendations", ivyToken).forEach((item) -> suggested.add((String) item.get("id")));
		assertThat(suggested).contains(kim.id()).doesNotContain(ivy.id(), jon.id());
	}

	private static List<Map<String, Object>> items(Visitor visitor, String uri) {
		return items(visitor, uri, null);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> items(Visitor visitor, String uri, @Nullable String token) {
		Map<String, Object> body = Visitor.mapResult(visitor.get(uri, token).expectStatus().isOk()).getResponseBody();
		assertThat(body).isNotNull();
		return (List<Map<String, Object>>) body.get("items");
	}

	private static Map<String, Object> page(Visitor visitor, String uri, @Nullable String cursor) {
		Map<String, Object> body = Visitor
			.mapResult(visitor.get(uri + ((cursor != null) ? "&cursor=" + cursor : ""), null).expectStatus().isOk())
			.getResponseBody();
		assertThat(body).isNotNull();
		return body;
	}

}
