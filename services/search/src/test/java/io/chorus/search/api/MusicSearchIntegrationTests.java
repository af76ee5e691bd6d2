package io.chorus.search.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.chorus.search.testing.IntegrationTestBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Artists and tracks indexed from {@code music.events}: search and prefix autocomplete. */
class MusicSearchIntegrationTests extends IntegrationTestBase {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

	@Test
	void autocompletesArtistsByPrefixIgnoringCaseAndAccents() {
		String stem = word("zq");
		this.events.artistPublished("a-1", "Bjørk " + stem + "Élan", T0);
		this.events.artistPublished("a-2", stem + "elantra Orchestra", T0.plusSeconds(10));
		this.events.artistPublished("a-3", "Unrelated " + stem + "x", T0.plusSeconds(20));

		await().atMost(WAIT).untilAsserted(() -> assertThat(ids(this.client.autocomplete("artists", stem + "ÉL")))
			.containsExactly("a-2", "a-1"));
		assertThat(ids(this.client.autocomplete("artists", stem.toUpperCase()))).containsExactly("a-2", "a-1", "a-3");
		assertThat(ids(this.client.autocomplete("artists", stem + "elantra orch"))).containsExactly("a-2");
		assertThat(ids(this.client.autocomplete("artists", stem + "elantraz"))).isEmpty();
		assertThat(this.client.autocomplete("artists", stem + "elantra").get(0))
			.containsEntry("name", stem + "elantra Orchestra")
			.containsEntry("ownerId", "m-owner");
	}

	@Test
	void autocompletesTracksByTitlePrefixBeyondTheStoredPrefixLength() {
		String stem = word("trk");
		String longWord = stem + "supercalifragilistic";
		this.events.trackPublished("t-1", "a-9", "Some Band", longWord + " Remix", T0);
		this.events.trackPublished("t-2", "a-9", "Some Band", stem + "super short", T0.plusSeconds(5));

		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(ids(this.client.autocomplete("tracks", stem + "sup"))).containsExactly("t-2",
					"t-1"));
		assertThat(ids(this.client.autocomplete("tracks", longWord.substring(0, longWord.length() - 2))))
			.containsExactly("t-1");
		assertThat(ids(this.client.autocomplete("tracks", stem + "supercalifragilisticX"))).isEmpty();
		assertThat(this.client.autocomplete("tracks", stem + "super sh").get(0)).containsEntry("trackId", "t-2")
			.containsEntry("artistName", "Some Band")
			.containsEntry("durationMs", 215000);
	}

	@Test
	void findsTracksByTitleOrArtistNameAndFollowsAnArtistRename() {
		String band = word("band");
		String song = word("song");
		String renamed = word("renamed");
		this.events.artistPublished("a-r", band, T0);
		this.events.trackPublished("t-r", "a-r", band, song + " anthem", T0.plusSeconds(1));

		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(this.client.search("tracks", band).ids()).containsExactly("t-r"));
		assertThat(this.client.search("tracks", song).ids()).containsExactly("t-r");
		assertThat(this.client.search("artists", band).ids()).containsExactly("a-r");

		this.events.artistUpdated("a-r", renamed, T0.plusSeconds(60));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(this.client.search("tracks", renamed).items()).singleElement()
				.satisfies((hit) -> assertThat(hit).containsEntry("artistName", renamed)));
		assertThat(this.client.search("tracks", band).items()).isEmpty();
		assertThat(this.client.search("artists", band).items()).isEmpty();
		assertThat(this.client.search("artists", renamed).ids()).containsExactly("a-r");
	}

	@Test
	void deletedTracksAndArtistsDisappearAndStaleUpdatesAreDropped() {
		String stem = word("gone");
		this.events.trackPublished("t-d", "a-d", "Band", stem + " track", T0);
		this.events.artistPublished("a-d", stem + " artist", T0);
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(ids(this.client.autocomplete("tracks", stem))).containsExactly("t-d");
			assertThat(ids(this.client.autocomplete("artists", stem))).containsExactly("a-d");
		});

		this.events.trackUpdated("t-d", "a-d", "Band", stem + " retitled", T0.plusSeconds(30));
		this.events.trackUpdated("t-d", "a-d", "Band", stem + " stale", T0.plusSeconds(20));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(this.client.search("tracks", "retitled " + stem).items().get(0))
				.containsEntry("title", stem + " retitled"));
		assertThat(this.client.search("tracks", "stale " + stem).items().get(0)).containsEntry("title",
				stem + " retitled");

		this.events.trackDeleted("t-d", "a-d", T0.plusSeconds(40));
		this.events.artistDeleted("a-d", T0.plusSeconds(40));
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(this.client.autocomplete("tracks", stem)).isEmpty();
			assertThat(this.client.autocomplete("artists", stem)).isEmpty();
			assertThat(this.client.search("tracks", stem).items()).isEmpty();
		});
	}

	private static List<Object> ids(List<Map<String, Object>> items) {
		return items.stream().map((item) -> item.get("id")).toList();
	}

}
