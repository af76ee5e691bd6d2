package io.chorus.music.api;

import io.chorus.platform.passport.Roles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import io.chorus.music.testing.IntegrationTestBase;
import io.chorus.music.testing.MusicClient;
import io.chorus.music.testing.TestAudio;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

class PlaylistIntegrationTests extends IntegrationTestBase {

	private String owner;

	private List<String> trackIds;

	@BeforeEach
	void tracks() {
		this.owner = MusicClient.newMemberId();
		String artistId = (String) this.client.createArtist(this.owner, "Listy").get("id");
		this.trackIds = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			this.trackIds.add((String) this.client.uploadTrack(this.owner, artistId, "T" + i, TestAudio.wav(200))
				.get("id"));
		}
	}

	@Test
	void entriesKeepTheirOrderAllowDuplicatesAndMoveAndRemove() {
		String playlist = createPlaylist(this.owner);
		String a = this.trackIds.get(0);
		String b = this.trackIds.get(1);
		String c = this.trackIds.get(2);
		for (String t : List.of(a, b, a, c)) {
			add(this.owner, playlist, t).expectStatus().isCreated();
		}
		assertThat(trackOrder(playlist)).containsExactly(a, b, a, c);

		move(this.owner, playlist, 0, 3).expectStatus().isOk();
		assertThat(trackOrder(playlist)).containsExactly(b, a, c, a);

		move(this.owner, playlist, 2, 0).expectStatus().isOk();
		assertThat(trackOrder(playlist)).containsExactly(c, b, a, a);

		this.client.http()
			.delete()
			.uri("/api/playlists/" + playlist + "/tracks/1")
			.header("X-Passport", this.client.passport(this.owner))
			.exchange()
			.expectStatus()
			.isNoContent();
		assertThat(trackOrder(playlist)).containsExactly(c, a, a);
		assertPositionsAreDense(playlist, 3);
	}

	@Test
	void badPositionsAreNamedAndChangeNothing() {
		String playlist = createPlaylist(this.owner);
		add(this.owner, playlist, this.trackIds.get(0)).expectStatus().isCreated();
		add(this.owner, playlist, this.trackIds.get(1)).expectStatus().isCreated();

		move(this.owner, playlist, 0, 2).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("to");
		this.client.http()
			.delete()
			.uri("/api/playlists/" + playlist + "/tracks/5")
			.header("X-Passport", this.client.passport(this.owner))
			.exchange()
			.expectStatus()
			.isNotFound();
		add(this.owner, playlist, "no-such-track").expectStatus().isBadRequest();

		assertThat(trackOrder(playlist)).containsExactly(this.trackIds.get(0), this.trackIds.get(1));
	}

	@Test
	void onlyTheOwnerMayChangeAPlaylist() {
		String playlist = createPlaylist(this.owner);
		add(this.owner, playlist, this.trackIds.get(0)).expectStatus().isCreated();
		add(this.owner, playlist, this.trackIds.get(1)).expectStatus().isCreated();
		String stranger = MusicClient.newMemberId();

		add(stranger, playlist, this.trackIds.get(2)).expectStatus().isForbidden();
		move(stranger, playlist, 0, 1).expectStatus().isForbidden();
		this.client.http()
			.delete()
			.uri("/api/playlists/" + playlist + "/tracks/0")
			.header("X-Passport", this.client.passport(stranger, Roles.MEMBER, Roles.ADMIN))
			.exchange()
			.expectStatus()
			.isForbidden();
		this.client.http()
			.post()
			.uri("/api/playlists/" + playlist + "/tracks")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("trackId", this.trackIds.get(2)))
			.exchange()
			.expectStatus()
			.isUnauthorized();

		assertThat(trackOrder(playlist)).containsExactly(this.trackIds.get(0), this.trackIds.get(1));
	}

	@Test
	void manyParallelMovesKeepEveryEntryExactlyOnceWithDensePositions() {
		String playlist = createPlaylist(this.owner);
		int n = 12;
		for (int i = 0; i < n; i++) {
			add(this.owner, playlist, this.trackIds.get(i % 3)).expectStatus().isCreated();
		}
		List<String> entriesBefore = entryIds(playlist);
		WebClient web = WebClient.builder().baseUrl("http://127.0.0.1:" + this.port).build();
		String passport = this.client.passport(this.owner);

		List<Integer> statuses = Flux.range(0, 60)
			.flatMap((i) -> {
				int from = ThreadLocalRandom.current().nextInt(n);
				int to = ThreadLocalRandom.current().nextInt(n);
				return web.post()
					.uri("/api/playlists/" + playlist + "/tracks:move")
					.header("X-Passport", passport)
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(Map.of("from", from, "to", to))
					.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()));
			}, 16)
			.collectList()
			.block(Duration.ofSeconds(60));

		assertThat(statuses).hasSize(60).containsOnly(200);
		assertThat(entryIds(playlist)).containsExactlyInAnyOrderElementsOf(entriesBefore);
		assertPositionsAreDense(playlist, n);
	}

	private void assertPositionsAreDense(String playlist, int n) {
		Map<String, Object> body = this.client.getJson("/api/playlists/" + playlist);
		assertThat(body).containsEntry("entryCount", n);
		assertThat(MusicClient.items(Map.of("items", body.get("entries"))).stream().map((e) -> e.get("position")))
			.containsExactlyElementsOf(IntStream.range(0, n).boxed().toList());
		assertThat(count("SELECT COUNT(*) FROM playlist_entry WHERE playlist_id = '" + playlist + "'")).isEqualTo(n);
		assertThat(count("SELECT MAX(position) FROM playlist_entry WHERE playlist_id = '" + playlist + "'"))
			.isEqualTo(n - 1);
	}

	private List<String> trackOrder(String playlist) {
		return entries(playlist).stream().map((e) -> (String) e.get("trackId")).toList();
	}

	private List<String> entryIds(String playlist) {
		return entries(playlist).stream().map((e) -> (String) e.get("entryId")).toList();
	}

	private List<Map<String, Object>> entries(String playlist) {
		return MusicClient.items(Map.of("items", this.client.getJson("/api/playlists/" + playlist).get("entries")));
	}

	@SuppressWarnings("unchecked")
	private String createPlaylist(String member) {
		Map<String, Object> body = this.client.http()
			.post()
			.uri("/api/playlists")
			.header("X-Passport", this.client.passport(member))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "Mix"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return (String) body.get("id");
	}

	private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec add(String member, String playlist,
			String trackId) {
		return this.client.http()
			.post()
			.uri("/api/playlists/" + playlist + "/tracks")
			.header("X-Passport", this.client.passport(member))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("trackId", trackId))
			.exchange();
	}

	private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec move(String member,
			String playlist, int from, int to) {
		return this.client.http()
			.post()
			.uri("/api/playlists/" + playlist + "/tracks:move")
			.header("X-Passport", this.client.passport(member))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("from", from, "to", to))
			.exchange();
	}

}
