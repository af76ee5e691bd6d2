package io.chorus.member.testing;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.chorus.testkit.passport.TestPassports;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Drives the member API over HTTP the way the gateway forwards it. */
public final class MemberClient {

	public static final String PASSWORD = "Correct-horse-9";

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	private final WebTestClient http;

	private final TestPassports passports;

	public MemberClient(WebTestClient http, TestPassports passports) {
		this.http = http.mutate().responseTimeout(Duration.ofSeconds(30)).build();
		this.passports = passports;
	}

	public WebTestClient http() {
		return this.http;
	}

	/** A fresh client address, so throttles of one test never touch another's. */
	public static String newIp() {
		int n = SEQUENCE.incrementAndGet();
		return "10." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255);
	}

	public static String uniqueHandle(String stem) {
		return stem + "_" + SEQUENCE.incrementAndGet();
	}

	/** Signs up a member with a unique handle and email; asserts 201. */
	public Account signup(String stem) {
		String handle = uniqueHandle(stem);
		String email = handle + "@example.org";
		@SuppressWarnings("unchecked")
		EntityExchangeResult<Map<String, Object>> result = (EntityExchangeResult<Map<String, Object>>) (Object) this.http
			.post()
			.uri("/api/auth/signup")
			.header("X-Forwarded-For", newIp())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "password", PASSWORD, "handle", handle, "displayName", "Member " + handle))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult();
		Map<String, Object> body = result.getResponseBody();
		assertThat(body).isNotNull();
		assertThat(result.getResponseHeaders().getLocation()).hasToString("/api/members/" + body.get("id"));
		assertThat(body).containsEntry("handle", handle).containsEntry("email", email).doesNotContainKey("passwordHash");
		return new Account((String) body.get("id"), email, handle);
	}

	public WebTestClient.ResponseSpec login(String email, String password, String ip) {
		return this.http.post()
			.uri("/api/auth/login")
			.header("X-Forwarded-For", ip)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "password", password))
			.exchange();
	}

	/** Logs in successfully; returns the session's tokens. */
	public Tokens login(Account account) {
		return tokens(login(account.email(), PASSWORD, newIp()).expectStatus().isOk());
	}

	public WebTestClient.ResponseSpec refresh(@Nullable String refreshToken) {
		WebTestClient.RequestBodySpec request = this.http.post().uri("/api/auth/refresh");
		if (refreshToken != null) {
			request.cookie("refresh_token", refreshToken);
		}
		return request.exchange();
	}

	public static Tokens tokens(WebTestClient.ResponseSpec ok) {
		@SuppressWarnings("unchecked")
		EntityExchangeResult<Map<String, Object>> result = (EntityExchangeResult<Map<String, Object>>) (Object) ok
			.expectBody(Map.class)
			.returnResult();
		ResponseCookie cookie = result.getResponseCookies().getFirst("refresh_token");
		assertThat(cookie).as("refresh_token cookie").isNotNull();
		Map<String, Object> body = result.getResponseBody();
		assertThat(body).isNotNull();
		return new Tokens((String) body.get("accessToken"), cookie.getValue(), body, cookie);
	}

	/** A passport for {@code account}, as the gateway would mint it. */
	public String passport(Account account) {
		return this.passports.valid(account.id(), account.handle(), "member");
	}

	public WebTestClient.RequestHeadersSpec<?> get(String uri, @Nullable Account as) {
		WebTestClient.RequestHeadersSpec<?> spec = this.http.get().uri(uri);
		return (as != null) ? spec.header(TestPassports.HEADER, passport(as)) : spec;
	}

	public WebTestClient.RequestBodySpec send(String method, String uri, @Nullable Account as) {
		WebTestClient.RequestBodySpec spec = this.http.method(org.springframework.http.HttpMethod.valueOf(method))
			.uri(uri);
		return (as != null) ? spec.header(TestPassports.HEADER, passport(as)) : spec;
	}

	/** A signed-up member. */
	public record Account(String id, String email, String handle) {
	}

	/** What login or refresh handed out. */
	public record Tokens(String accessToken, String refreshToken, Map<String, Object> body, ResponseCookie cookie) {
	}

}
