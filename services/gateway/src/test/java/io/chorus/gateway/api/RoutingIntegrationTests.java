package io.chorus.gateway.api;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.chorus.gateway.Downstream;
import io.chorus.gateway.Echo;
import io.chorus.gateway.GatewayTestSupport;
import io.chorus.testkit.blockhound.BlockHoundProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingIntegrationTests extends GatewayTestSupport {

	static final Downstream downstream = new Downstream();

	@DynamicPropertySource
	static void downstream(DynamicPropertyRegistry registry) {
		downstream.register(registry);
	}

	@AfterAll
	static void stop() {
		downstream.close();
	}

	@Test
	void blockHoundIsActive() {
		BlockHoundProbe.assertInstalled();
	}

	@Test
	void eachPathReachesItsServiceUnchanged() {
		Map<String, String> expected = Map.ofEntries(Map.entry("GET /api/members/me", "member"),
				Map.entry("POST /api/auth/login", "member"), Map.entry("POST /api/posts", "content"),
				Map.entry("PUT /api/posts/42", "content"), Map.entry("PATCH /api/posts/42", "content"),
				Map.entry("DELETE /api/posts/42/like", "content"), Map.entry("GET /api/posts/42", "timeline"),
				Map.entry("GET /api/posts/42/comments", "timeline"), Map.entry("PUT /api/comments/7", "content"),
				Map.entry("GET /api/timeline/home", "timeline"), Map.entry("GET /api/artists/3", "music"),
				Map.entry("POST /api/tracks", "music"), Map.entry("GET /api/tracks/9/stream", "music"),
				Map.entry("GET /api/images/5", "music"), Map.entry("GET /", "web"), Map.entry("GET /posts/42", "web"),
				Map.entry("GET /@ada", "web"), Map.entry("GET /assets/index-1a2b.js", "web"),
				Map.entry("POST /api/playlists/1/tracks:move", "music"), Map.entry("GET /api/me/recent-tracks", "music"),
				Map.entry("POST /api/images", "music"),
				Map.entry("GET /api/activity/me", "activity"), Map.entry("GET /api/search", "search"),
				Map.entry("GET /api/search/autocomplete", "search"), Map.entry("POST /api/chat/tickets", "chat"));
		expected.forEach((request, service) -> {
			String[] parts = request.split(" ");
			Echo echo = client().method(HttpMethod.valueOf(parts[0]))
				.uri(URI.create("http://127.0.0.1:" + this.port + parts[1] + "?q=a%20b&limit=5"))
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{}")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(Echo.class)
				.returnResult()
				.getResponseBody();
			assertThat(echo).as(request).isNotNull();
			assertThat(echo.service()).as(request).isEqualTo(service);
			assertThat(echo.method()).as(request).isEqualTo(parts[0]);
			assertThat(echo.path()).as(request).isEqualTo(parts[1]);
			assertThat(echo.query()).as(request).isEqualTo("q=a%20b&limit=5");
		});
	}

	@Test
	void webSocketsUpgradeThroughToChatWithAPassport() {
		AtomicReference<String> greeting = new AtomicReference<>();
		HttpHeaders headers = new HttpHeaders();
		headers.setBearerAuth(downstream.token("m-ws"));
		headers.set("X-Member-Id", "m-forged");
		new ReactorNettyWebSocketClient()
			.execute(URI.create("ws://127.0.0.1:" + this.port + "/ws/chat?ticket=t-1"), headers,
					(session) -> session.receive().take(1).doOnNext((message) -> greeting.set(message.getPayloadAsText())).then())
			.block(Duration.ofSeconds(10));
		assertThat(greeting.get()).isEqualTo("chat passport=true member-id=false");
	}

	@Test
	void wellKnownAndUnlistedPathsAreNotRouted() {
		int memberHits = downstream.hits("member");
		int webHits = downstream.hits("web");
		client().get().uri("/.well-known/jwks.json").exchange().expectStatus().isNotFound()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader().exists("X-Trace-Id");
		client().get().uri("/api/nothing-here").exchange().expectStatus().isNotFound()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
		client().get().uri("/internal/passport/jwks.json").exchange().expectStatus().isNotFound();
		// The web client's catch-all takes neither unknown API paths nor writes to page paths.
		client().post().uri("/posts/42").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
			.expectStatus().isNotFound();
		assertThat(downstream.hits("member")).isEqualTo(memberHits);
		assertThat(downstream.hits("web")).isEqualTo(webHits);
	}

	@Test
	void aServiceThatIsDownIsA503ProblemNotAHang() {
		client().get()
			.uri("/api/charts/daily")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.exists("X-Trace-Id")
			.expectBody()
			.jsonPath("$.status").isEqualTo(503)
			.jsonPath("$.type").isEqualTo("urn:chorus:problem:downstream")
			.jsonPath("$.traceId").isNotEmpty();
	}

}
