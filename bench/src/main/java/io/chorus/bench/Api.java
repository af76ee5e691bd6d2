package io.chorus.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The few Chorus calls the seeder and the scenarios make, through the gateway. */
final class Api {

	static final String PASSWORD = "Bench-password-1";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http;

	Api(HttpClient http) {
		this.http = http;
	}

	HttpClient http() {
		return this.http;
	}

	Mono<Member> signup(String handle) {
		String email = handle + "@bench.chorus.test";
		return send("POST", "/api/auth/signup", null,
				Map.of("email", email, "password", PASSWORD, "handle", handle, "displayName", "Bench " + handle))
			.map((body) -> new Member(body.get("id").asString(), email, handle));
	}

	/** An access token for {@code member}. */
	Mono<String> login(Member member) {
		return seeding(send("POST", "/api/auth/login", null, Map.of("email", member.email(), "password", PASSWORD)))
			.map((body) -> body.get("accessToken").asString());
	}

	Mono<Void> follow(String token, String memberId) {
		return seeding(send("PUT", "/api/members/" + memberId + "/follow", token, null)).then();
	}

	Mono<String> post(String token, String text) {
		return send("POST", "/api/posts", token, Map.of("text", text)).map((body) -> body.get("id").asString());
	}

	/** Ids of the first page of {@code token}'s home feed. */
	Mono<List<String>> homeFeed(String token, int limit) {
		return send("GET", "/api/timeline/home?limit=" + limit, token, null)
			.map((body) -> body.get("items").valueStream().map((item) -> item.get("id").asString()).toList());
	}

	Mono<String> createArtist(String token, String name) {
		return seeding(send("POST", "/api/artists", token, Map.of("name", name))).map((body) -> body.get("id").asString());
	}

	/** Uploads {@code wav} as a track of {@code artistId} (multipart: artistId, title, file). */
	Mono<String> uploadTrack(String token, String artistId, String title, byte[] wav) {
		String boundary = "chorus-bench-" + Long.toHexString(System.nanoTime());
		byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"artistId\"\r\n\r\n" + artistId
				+ "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n" + title
				+ "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench.wav\"\r\n"
				+ "Content-Type: audio/wav\r\n\r\n").getBytes(StandardCharsets.UTF_8);
		byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
		return this.http.headers((headers) -> headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token)
			.set(HttpHeaderNames.CONTENT_TYPE, "multipart/form-data; boundary=" + boundary))
			.post()
			.uri("/api/tracks")
			.send(ByteBufFlux.fromInbound(Mono.just(Unpooled.wrappedBuffer(head, wav, tail))))
			.responseSingle((response, content) -> content.asString(StandardCharsets.UTF_8)
				.defaultIfEmpty("")
				.flatMap((text) -> (response.status().code() == 201)
						? Mono.just(json.readTree(text).get("id").asString())
						: Mono.error(new IllegalStateException("POST /api/tracks answered " + response.status() + ": " + text))));
	}

	/** Reports a listen; answers whether music counted it as a play. */
	Mono<Void> play(String token, String trackId, long listenedMs) {
		return seeding(send("POST", "/api/tracks/" + trackId + "/plays", token, Map.of("listenedMs", listenedMs))).then();
	}

	/** Sends a request and answers its JSON body; any non-2xx status is an error. */
	Mono<JsonNode> send(String method, String uri, @Nullable String token, @Nullable Object body) {
		byte[] bytes = (body != null) ? json.writeValueAsBytes(body) : new byte[0];
		return this.http.headers((headers) -> {
			if (token != null) {
				headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token);
			}
			if (body != null) {
				headers.set(HttpHeaderNames.CONTENT_TYPE, "application/json");
			}
		})
			.request(io.netty.handler.codec.http.HttpMethod.valueOf(method))
			.uri(uri)
			.send(ByteBufFlux.fromInbound(Mono.just(Unpooled.wrappedBuffer(bytes))))
			.responseSingle((response, content) -> content.asString(StandardCharsets.UTF_8)
				.defaultIfEmpty("")
				.flatMap((text) -> (response.status().code() / 100 == 2)
						? Mono.just(text.isEmpty() ? json.createObjectNode() : json.readTree(text))
						: Mono.error((response.status().code() == 503)
								? new Unavailable(method + " " + uri + " answered " + response.status() + ": " + text)
								: new IllegalStateException(method + " " + uri + " answered " + response.status()
										+ ": " + text))));
	}

	/**
	 * Seeding saturates this box (Argon2 logins beside everything else), and the gateway then
	 * answers 503 when it cannot verify a token in time; seeding retries those (the calls it retries
	 * are idempotent or harmless to repeat). Scenario calls never retry: a 503 there is a result.
	 */
	private static <T> Mono<T> seeding(Mono<T> call) {
		return call.retryWhen(Retry.backoff(5, Duration.ofMillis(200)).filter(Unavailable.class::isInstance));
	}

	/** A 503: the gateway or a service could not take the request now. */
	static final class Unavailable extends IllegalStateException {

		Unavailable(String message) {
			super(message);
		}

	}

	/** A signed-up bench member. */
	record Member(String id, String email, String handle) {
	}

}
