package io.chorus.music.testing;

import io.chorus.platform.passport.Roles;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.chorus.testkit.passport.TestPassports;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Drives the music API over HTTP the way the gateway forwards it (with a passport). */
public final class MusicClient {

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	private final WebTestClient http;

	private final TestPassports passports;

	public MusicClient(WebTestClient http, TestPassports passports) {
		this.http = http.mutate().responseTimeout(Duration.ofSeconds(30)).build();
		this.passports = passports;
	}

	public WebTestClient http() {
		return this.http;
	}

	public static String newMemberId() {
		return "m-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime();
	}

	public String passport(String memberId, String... roles) {
		return this.passports.valid(memberId, "h" + Math.abs(memberId.hashCode()),
				(roles.length == 0) ? new String[] { Roles.MEMBER } : roles);
	}

	/** Creates an artist owned by {@code memberId}; returns its JSON. */
	@SuppressWarnings("unchecked")
	public Map<String, Object> createArtist(String memberId, String name) {
		return (Map<String, Object>) this.http.post()
			.uri("/api/artists")
			.header("X-Passport", passport(memberId))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", name))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
	}

	public WebTestClient.ResponseSpec upload(String memberId, Multipart body) {
		return this.http.post()
			.uri("/api/tracks")
			.header("X-Passport", passport(memberId))
			.header("Content-Type", body.contentType())
			.bodyValue(body.body())
			.exchange();
	}

	/** Uploads a WAV track and returns its JSON. */
	@SuppressWarnings("unchecked")
	public Map<String, Object> uploadTrack(String memberId, String artistId, String title, byte[] audio) {
		return (Map<String, Object>) upload(memberId,
				new Multipart().field("artistId", artistId).field("title", title).file("file", "song.wav", "audio/wav",
						audio))
			.expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
	}

	@SuppressWarnings("unchecked")
	public Map<String, Object> getJson(String uri) {
		return (Map<String, Object>) this.http.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
	}

	@SuppressWarnings("unchecked")
	public static List<Map<String, Object>> items(Map<String, Object> page) {
		List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
		assertThat(items).isNotNull();
		return items;
	}

}
