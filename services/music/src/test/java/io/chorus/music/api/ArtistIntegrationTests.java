package io.chorus.music.api;

import io.chorus.platform.passport.Roles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.chorus.music.testing.IntegrationTestBase;
import io.chorus.music.testing.MusicClient;
import io.chorus.music.testing.Multipart;
import io.chorus.music.testing.TestAudio;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

class ArtistIntegrationTests extends IntegrationTestBase {

	@Test
	void createAnswers201WithLocationAndPublishes() {
		String owner = MusicClient.newMemberId();

		var result = this.client.http()
			.post()
			.uri("/api/artists")
			.header("X-Passport", this.client.passport(owner))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", " Nova ", "bio", "From the sea"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult();

		String id = (String) result.getResponseBody().get("id");
		assertThat(result.getResponseHeaders().getLocation()).hasToString("/api/artists/" + id);
		assertThat(result.getResponseBody()).containsEntry("name", "Nova").containsEntry("ownerId", owner);
		var event = this.events.await("chorus.music.artist.published.v1", (e) -> id.equals(e.subject()));
		assertThat(event.data().path("name").asString()).isEqualTo("Nova");
		assertThat(event.data().path("bio").asString()).isEqualTo("From the sea");
		assertThat(event.data().path("ownerId").asString()).isEqualTo(owner);
	}

	@Test
	void invalidArtistsAreRefusedWithFieldErrors() {
		this.client.http()
			.post()
			.uri("/api/artists")
			.header("X-Passport", this.client.passport(MusicClient.newMemberId()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", " ", "bio", "x".repeat(2001)))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[?(@.field == 'name')]")
			.exists()
			.jsonPath("$.errors[?(@.field == 'bio')]")
			.exists();
		this.client.http()
			.post()
			.uri("/api/artists")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "Anon"))
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void theListPagesNineAtATimeNewestFirst() {
		String owner = MusicClient.newMemberId();
		List<String> created = new ArrayList<>();
		for (int i = 0; i < 11; i++) {
			created.add((String) this.client.createArtist(owner, "Pager " + i).get("id"));
		}

		Map<String, Object> first = this.client.getJson("/api/artists?limit=9");
		List<Object> firstIds = MusicClient.items(first).stream().map((a) -> a.get("id")).toList();
		assertThat(firstIds).hasSize(9);
		assertThat(firstIds.subList(0, 9)).containsExactlyElementsOf(created.reversed().subList(0, 9));
		String cursor = (String) first.get("nextCursor");
		assertThat(cursor).isNotNull();

		Map<String, Object> second = this.client.getJson("/api/artists?limit=9&cursor=" + cursor);
		List<Object> secondIds = MusicClient.items(second).stream().map((a) -> a.get("id")).toList();
		assertThat(secondIds).startsWith(created.get(1), created.get(0)).doesNotContainAnyElementsOf(firstIds);

		this.client.http().get().uri("/api/artists?limit=0").exchange().expectStatus().isBadRequest();
		this.client.http().get().uri("/api/artists?cursor=garbage").exchange().expectStatus().isBadRequest();
	}

	@Test
	void theArtistPageShowsTheirTracks() {
		String owner = MusicClient.newMemberId();
		String id = (String) this.client.createArtist(owner, "Paged").get("id");
		String t1 = (String) this.client.uploadTrack(owner, id, "One", TestAudio.wav(200)).get("id");
		String t2 = (String) this.client.uploadTrack(owner, id, "Two", TestAudio.wav(200)).get("id");

		Map<String, Object> page = this.client.getJson("/api/artists/" + id);

		assertThat(page).containsEntry("name", "Paged");
		@SuppressWarnings("unchecked")
		Map<String, Object> tracks = (Map<String, Object>) page.get("tracks");
		assertThat(MusicClient.items(tracks).stream().map((t) -> t.get("id"))).containsExactly(t2, t1);
		assertThat(MusicClient.items(this.client.getJson("/api/artists/" + id + "/tracks?limit=1"))).hasSize(1);
	}

	@Test
	void onlyTheOwnerOrAnAdminMayChangeOrDelete() {
		String owner = MusicClient.newMemberId();
		String id = (String) this.client.createArtist(owner, "Guarded").get("id");
		String stranger = MusicClient.newMemberId();

		patch(this.client.passport(stranger), id, Map.of("name", "Stolen")).expectStatus().isForbidden();
		this.client.http()
			.delete()
			.uri("/api/artists/" + id)
			.header("X-Passport", this.client.passport(stranger))
			.exchange()
			.expectStatus()
			.isForbidden();
		assertThat(this.client.getJson("/api/artists/" + id)).containsEntry("name", "Guarded");

		patch(this.client.passport(owner), id, Map.of("name", "Renamed", "bio", "New bio")).expectStatus().isOk();
		patch(this.client.passport(stranger, Roles.MEMBER, Roles.ADMIN), id, java.util.Collections.singletonMap("bio", null))
			.expectStatus()
			.isOk();
		assertThat(this.client.getJson("/api/artists/" + id)).containsEntry("name", "Renamed").containsEntry("bio", null);
		var updated = this.events.await("chorus.music.artist.updated.v1",
				(e) -> id.equals(e.subject()) && e.data().path("name").asString().equals("Renamed"));
		assertThat(updated.data().path("ownerId").asString()).isEqualTo(owner);
	}

	@Test
	void deletingAnArtistDeletesTheirTracksWithEvents() {
		String owner = MusicClient.newMemberId();
		String id = (String) this.client.createArtist(owner, "Gone").get("id");
		String track = (String) this.client.uploadTrack(owner, id, "Gone too", TestAudio.wav(200)).get("id");

		this.client.http()
			.delete()
			.uri("/api/artists/" + id)
			.header("X-Passport", this.client.passport(owner))
			.exchange()
			.expectStatus()
			.isNoContent();

		this.client.http().get().uri("/api/artists/" + id).exchange().expectStatus().isNotFound();
		this.client.http().get().uri("/api/tracks/" + track).exchange().expectStatus().isNotFound();
		this.client.http().get().uri("/api/tracks/" + track + "/stream").exchange().expectStatus().isNotFound();
		this.events.await("chorus.music.artist.deleted.v1", (e) -> id.equals(e.subject()));
		var trackDeleted = this.events.await("chorus.music.track.deleted.v1", (e) -> track.equals(e.subject()));
		assertThat(trackDeleted.data().path("artistId").asString()).isEqualTo(id);
		this.client
			.upload(owner, new Multipart().field("artistId", id)
				.field("title", "late")
				.file("file", "a.wav", "audio/wav", TestAudio.wav(200)))
			.expectStatus()
			.isBadRequest();
	}

	private WebTestClient.ResponseSpec patch(String passport, String id, Map<String, ?> body) {
		return this.client.http()
			.patch()
			.uri("/api/artists/" + id)
			.header("X-Passport", passport)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

}
