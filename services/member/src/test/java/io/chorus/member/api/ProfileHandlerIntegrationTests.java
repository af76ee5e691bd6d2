package io.chorus.member.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.chorus.member.testing.IntegrationTestBase;
import io.chorus.member.testing.MemberClient;
import io.chorus.member.testing.MemberClient.Account;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Profiles, handles, summaries, and bad input answered with problem+json and no writes. */
class ProfileHandlerIntegrationTests extends IntegrationTestBase {

	@Test
	void editProfileAsAMergePatchAndEmitProfileUpdated() {
		Account ann = this.client.signup("ann");
		this.client.send("PATCH", "/api/members/me", ann)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("displayName", "Ann A.", "bio", "Plays bass.", "avatarUrl", "https://cdn.example.org/a.png"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.displayName").isEqualTo("Ann A.")
			.jsonPath("$.bio").isEqualTo("Plays bass.");
		this.events.await("chorus.member.member.profile-updated.v1",
				(e) -> e.subject().equals(ann.id()) && e.data().path("bio").asString().equals("Plays bass."));

		// absent fields stay, null clears
		this.client.send("PATCH", "/api/members/me", ann)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"avatarUrl\": null}")
			.exchange()
			.expectStatus()
			.isOk();
		this.client.get("/api/members/" + ann.id(), null)
			.exchange()
			.expectBody()
			.jsonPath("$.displayName").isEqualTo("Ann A.")
			.jsonPath("$.bio").isEqualTo("Plays bass.")
			.jsonPath("$.avatarUrl").doesNotExist()
			.jsonPath("$.email").doesNotExist();
	}

	@Test
	void handleChangeIsUniqueCaseInsensitivelyAndFindable() {
		Account bob = this.client.signup("bob");
		Account cid = this.client.signup("cid");
		String newHandle = MemberClient.uniqueHandle("robert");
		this.client.send("PUT", "/api/members/me/handle", bob)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("handle", newHandle.toUpperCase()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.handle").isEqualTo(newHandle);
		this.client.get("/api/members/@" + newHandle, null).exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.id").isEqualTo(bob.id());
		this.client.get("/api/members/@" + bob.handle(), null).exchange().expectStatus().isNotFound();
		this.events.await("chorus.member.member.profile-updated.v1", (e) -> e.subject().equals(bob.id())
				&& e.data().path("handle").asString().equals(newHandle)
				&& e.data().path("changed").get(0).asString().equals("handle"));

		long outbox = this.rows.count("chorus_outbox");
		this.client.send("PUT", "/api/members/me/handle", cid)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("handle", newHandle))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONFLICT)
			.expectBody()
			.jsonPath("$.errors[0].field").isEqualTo("handle");
		assertThat(this.rows.count("SELECT COUNT(*) FROM member WHERE id = ? AND handle = ?", cid.id(), cid.handle()))
			.isOne();
		assertThat(this.rows.count("chorus_outbox")).isEqualTo(outbox);
	}

	@Test
	void summariesAreOneBatchInRequestOrderAndLimitedToOneHundred() {
		Account a = this.client.signup("sa");
		Account b = this.client.signup("sb");
		Map<?, ?> body = summaries(List.of(b.id(), "0190a7e2-3b4c-7d5e-8f60-1a2b3c4d5e6f", a.id(), b.id()))
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> items = (List<Map<String, Object>>) body.get("items");
		assertThat(items).extracting((item) -> item.get("id")).containsExactly((Object) b.id(), a.id());
		assertThat(items.get(0)).containsEntry("handle", b.handle()).containsKey("displayName");

		List<String> hundred = new ArrayList<>(IntStream.range(0, 100)
			.mapToObj((i) -> String.format("0190a7e2-3b4c-7d5e-8f60-%012d", i))
			.toList());
		summaries(hundred).expectStatus().isOk();
		hundred.add(a.id());
		problem(summaries(hundred), 400).jsonPath("$.errors[0].field").isEqualTo("ids");
	}

	@Test
	void badInputIsAProblemAndWritesNothing() {
		Account dee = this.client.signup("dee");
		String before = this.rows.snapshot();
		String ip = MemberClient.newIp();

		problem(post("/api/auth/signup", "{\"email\": ", ip), 400);
		problem(post("/api/auth/signup", "{}", ip), 400).jsonPath("$.errors.length()").isEqualTo(4);
		problem(post("/api/auth/signup", "", ip), 400);
		problem(post("/api/auth/signup", signup("x".repeat(250) + "@example.org", "Password-123", "okhandle", "Ok"), ip),
				400)
			.jsonPath("$.errors[0].field").isEqualTo("email");
		problem(post("/api/auth/signup", signup("ok@example.org", "aaaaaaaaaaaa", "okhandle", "Ok"), ip), 400)
			.jsonPath("$.errors[0].field").isEqualTo("password");
		problem(post("/api/auth/signup", signup("ok@example.org", "Password-123", "no-dashes", "x".repeat(61)), ip), 400)
			.jsonPath("$.errors.length()").isEqualTo(2);
		problem(post("/api/auth/signup",
				"{\"email\": {\"a\": 1}, \"password\": [1], \"handle\": \"okhandle\", \"displayName\": \"Ok\"}", ip), 400);
		problem(post("/api/auth/login", "{\"email\": \"x@example.org\"}", ip), 400);
		problem(post("/api/auth/login", "not json", ip), 400);

		problem(patch(dee, "{\"bio\": \"" + "b".repeat(281) + "\"}"), 400).jsonPath("$.errors[0].field").isEqualTo("bio");
		problem(patch(dee, "{\"displayName\": 5}"), 400);
		problem(patch(dee, "{\"email\": \"new@example.org\"}"), 400);
		problem(patch(dee, "{\"avatarUrl\": \"file:///etc/passwd\"}"), 400);
		problem(patch(dee, "[1, 2]"), 400);
		problem(this.client.send("PUT", "/api/members/me/handle", dee)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"handle\": \"ab\"}")
			.exchange(), 400);
		problem(summaries(List.of("not-an-id")), 400);
		problem(this.client.send("POST", "/api/members/summaries", null)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"ids\": \"abc\"}")
			.exchange(), 400);

		problem(this.client.get("/api/members/@nobody_here", null).exchange(), 404);
		problem(this.client.get("/api/members/@NO", null).exchange(), 404);
		problem(this.client.get("/api/members/0190a7e2-3b4c-7d5e-8f60-1a2b3c4d5e6f", null).exchange(), 404);

		assertThat(this.rows.snapshot()).isEqualTo(before);
		this.client.get("/api/members/me", dee).exchange().expectBody().jsonPath("$.bio").doesNotExist();
	}

	private WebTestClient.ResponseSpec post(String uri, String json, String ip) {
		return this.client.http()
			.post()
			.uri(uri)
			.header("X-Forwarded-For", ip)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(json)
			.exchange();
	}

	private WebTestClient.ResponseSpec patch(Account as, String json) {
		return this.client.send("PATCH", "/api/members/me", as)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(json)
			.exchange();
	}

	private WebTestClient.ResponseSpec summaries(List<String> ids) {
		return this.client.send("POST", "/api/members/summaries", null)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("ids", ids))
			.exchange();
	}

	private static String signup(String email, String password, String handle, String displayName) {
		return "{\"email\": \"" + email + "\", \"password\": \"" + password + "\", \"handle\": \"" + handle
				+ "\", \"displayName\": \"" + displayName + "\"}";
	}

	private static WebTestClient.BodyContentSpec problem(WebTestClient.ResponseSpec response, int status) {
		return response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status").isEqualTo(status)
			.jsonPath("$.title").exists();
	}

}
