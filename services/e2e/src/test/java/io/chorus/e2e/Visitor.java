package io.chorus.e2e;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Someone using Chorus through the gateway's public port, from their own loopback address
 * (127.0.x.y), so the per-address limits of one test never touch another's.
 */
final class Visitor {

	static final String PASSWORD = "Correct-horse-9";

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	private final WebTestClient http;

	Visitor(ChorusStack stack) {
		int n = SEQUENCE.incrementAndGet();
		this.http = stack.client("127.0." + ((n >> 8) & 255) + "." + (1 + (n & 127)));
	}

	WebTestClient http() {
		return this.http;
	}

	static String uniqueHandle(String stem) {
		return stem + "_" + SEQUENCE.incrementAndGet();
	}

	/** Signs up a member with a unique handle and email; asserts 201 and the resource. */
	Account signup(String stem) {
		String handle = uniqueHandle(stem);
		String email = handle + "@example.org";
		EntityExchangeResult<Map<String, Object>> result = mapResult(this.http.post()
			.uri("/api/auth/signup")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "password", PASSWORD, "handle", handle, "displayName", "Member " + handle))
			.exchange()
			.expectStatus()
			.isCreated());
		Map<String, Object> body = result.getResponseBody();
		assertThat(body).isNotNull().containsEntry("handle", handle).doesNotContainKey("passwordHash");
		assertThat(result.getResponseHeaders().getLocation()).hasToString("/api/members/" + body.get("id"));
		return new Account((String) body.get("id"), email, handle);
	}

	WebTestClient.ResponseSpec login(String email, String password) {
		return this.http.post()
			.uri("/api/auth/login")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "password", password))
			.exchange();
	}

	/** Logs in successfully; returns the session's tokens. */
	Tokens login(Account account) {
		return tokens(login(account.email(), PASSWORD).expectStatus().isOk());
	}

	WebTestClient.ResponseSpec refresh(String refreshToken) {
		return this.http.post().uri("/api/auth/refresh").cookie("refresh_token", refreshToken).exchange();
	}

	WebTestClient.ResponseSpec get(String uri, @Nullable String accessToken) {
		WebTestClient.RequestHeadersSpec<?> spec = this.http.get().uri(uri);
		return ((accessToken != null) ? spec.headers((h) -> h.setBearerAuth(accessToken)) : spec).exchange();
	}

	WebTestClient.RequestBodySpec send(String method, String uri, @Nullable String accessToken) {
		WebTestClient.RequestBodySpec spec = this.http.method(org.springframework.http.HttpMethod.valueOf(method))
			.uri(uri);
		return (accessToken != null) ? spec.headers((h) -> h.setBearerAuth(accessToken)) : spec;
	}

	/** {@code method uri} with a JSON body, as {@code accessToken}'s member (or anonymously). */
	WebTestClient.ResponseSpec sendJson(String method, String uri, @Nullable String accessToken, Object body) {
		return send(method, uri, accessToken).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
	}

	/** Creates a post; asserts 201 and answers its id. */
	String post(String accessToken, String text) {
		Map<String, Object> body = mapResult(sendJson("POST", "/api/posts", accessToken, Map.of("text", text))
			.expectStatus()
			.isCreated()).getResponseBody();
		assertThat(body).isNotNull().containsKey("id");
		return (String) body.get("id");
	}

	static Tokens tokens(WebTestClient.ResponseSpec ok) {
		EntityExchangeResult<Map<String, Object>> result = mapResult(ok);
		ResponseCookie cookie = result.getResponseCookies().getFirst("refresh_token");
		assertThat(cookie).as("refresh_token cookie").isNotNull();
		Map<String, Object> body = result.getResponseBody();
		assertThat(body).isNotNull().containsEntry("tokenType", "Bearer");
		return new Tokens((String) body.get("accessToken"), cookie.getValue());
	}

	@SuppressWarnings("unchecked")
	static EntityExchangeResult<Map<String, Object>> mapResult(WebTestClient.ResponseSpec spec) {
		return (EntityExchangeResult<Map<String, Object>>) (Object) spec.expectBody(Map.class).returnResult();
	}

	/** A signed-up member. */
	record Account(String id, String email, String handle) {
	}

	/** What login or refresh handed out. */
	record Tokens(String accessToken, String refreshToken) {
	}

}
