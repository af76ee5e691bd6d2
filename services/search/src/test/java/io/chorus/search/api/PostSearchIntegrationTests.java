package io.chorus.search.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.chorus.platform.events.CloudEvent;
import io.chorus.search.testing.IntegrationTestBase;
import io.chorus.search.testing.SearchClient.Page;
import io.chorus.testkit.blockhound.BlockHoundProbe;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Posts indexed from {@code content.events}, searched over HTTP. */
class PostSearchIntegrationTests extends IntegrationTestBase {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

	@Test
	void blockHoundIsActive() {
		BlockHoundProbe.assertInstalled();
	}

	@Test
	void findsPostsByAnyOfTheirWordsIgnoringCaseAndAccents() {
		String tag = word("cafe");
		this.events.postCreated("p-accent", "Crème brûlée at the CAFÉ " + tag + " — Beyoncé on the radio", T0);

		awaitIds("posts", tag, "p-accent");
		assertThat(this.client.search("posts", tag.toUpperCase() + " creme").ids()).containsExactly("p-accent");
		assertThat(this.client.search("posts", "BRULEE " + tag).ids()).containsExactly("p-accent");
		assertThat(this.client.search("posts", "beyonce " + tag).ids()).containsExactly("p-accent");
		Map<String, Object> hit = this.client.search("posts", tag).items().get(0);
		assertThat(hit).containsEntry("id", "p-accent")
			.containsEntry("authorId", "m-p-accent")
			.containsEntry("text", "Crème brûlée at the CAFÉ " + tag + " — Beyoncé on the radio")
			.containsEntry("createdAt", "2026-11-01T10:00:00Z");
		assertThat(this.client.search("posts", "tea" + tag).items()).isEmpty();
	}

	@Test
	void ranksDocumentsMatchingMoreWordsFirstThenNewerOnes() {
		String jazz = word("jazz");
		String night = word("night");
		this.events.postCreated("r-old-both", jazz + " " + night + " in seoul", T0);
		this.events.postCreated("r-new-one", jazz + " and nothing else", T0.plusSeconds(300));
		this.events.postCreated("r-mid-both", jazz + " " + night + " in busan", T0.plusSeconds(100));
		this.events.postCreated("r-none", "rock concert", T0.plusSeconds(400));

		awaitIds("posts", jazz + " " + night, "r-mid-both", "r-old-both", "r-new-one");
	}

	@Test
	void pagesThroughRankedResultsWithACursor() {
		String tag = word("page");
		for (int i = 0; i < 5; i++) {
			this.events.postCreated("pg-" + i, "paging " + tag + " number " + i, T0.plusSeconds(i));
		}
		awaitIds("posts", tag, "pg-4", "pg-3", "pg-2", "pg-1", "pg-0");

		Page first = this.client.search("posts", tag, 2, null);
		Page second = this.client.search("posts", tag, 2, first.nextCursor());
		Page last = this.client.search("posts", tag, 2, second.nextCursor());

		assertThat(first.ids()).containsExactly("pg-4", "pg-3");
		assertThat(second.ids()).containsExactly("pg-2", "pg-1");
		assertThat(last.ids()).containsExactly("pg-0");
		assertThat(last.nextCursor()).isNull();
	}

	@Test
	void aDeletedPostDisappearsAndALateCopyOfItsCreationDoesNotBringItBack() {
		String tag = word("gone");
		CloudEvent created = this.events.postCreated("d-1", "soon " + tag, T0);
		this.events.postCreated("d-keep", "stays " + tag, T0);
		awaitIds("posts", tag, "d-1", "d-keep");

		this.events.postDeleted("d-1", T0.plusSeconds(60), 2);
		awaitIds("posts", tag, "d-keep");

		double processed = consumed(this.properties.contentTopic(), "processed");
		// a new event id with the old payload passes dedupe; the stored version (2) must win
		this.events.raw("content", created.type(), "d-1", created.data());
		await().atMost(WAIT).until(() -> consumed(this.properties.contentTopic(), "processed") > processed);
		assertThat(this.client.search("posts", tag).ids()).containsExactly("d-keep");
	}

	@Test
	void aRedeliveredOrReplayedEventNeitherDuplicatesNorRollsBack() {
		String tag = word("dup");
		CloudEvent created = this.events.postCreated("dup-1", "first " + tag, T0);
		awaitIds("posts", tag, "dup-1");
		double duplicates = consumed(this.properties.contentTopic(), "duplicate");

		this.events.redeliver(created);
		this.events.raw("content", created.type(), "dup-1", created.data());
		this.events.postUpdated("dup-1", "second " + tag, T0.plusSeconds(5), 2);

		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(this.client.search("posts", tag).items()).singleElement()
				.satisfies((hit) -> assertThat(hit).containsEntry("text", "second " + tag)));
		assertThat(consumed(this.properties.contentTopic(), "duplicate")).isEqualTo(duplicates + 1);
		assertThat(this.client.search("posts", "first " + tag).ids()).containsExactly("dup-1");
		assertThat(this.client.search("posts", "first").ids()).doesNotContain("dup-1");
	}

	@Test
	void anUpdateReindexesTheTextAndAStaleUpdateIsDropped() {
		String before = word("before");
		String after = word("after");
		String stale = word("stale");
		this.events.postCreated("u-1", "old words " + before, T0);
		awaitIds("posts", before, "u-1");

		this.events.postUpdated("u-1", "new words " + after, T0.plusSeconds(60), 3);
		this.events.postUpdated("u-1", "older edit " + stale, T0.plusSeconds(30), 2);
		this.events.postUpdated("u-1", "newest edit " + after, T0.plusSeconds(90), 4);

		awaitIds("posts", after, "u-1");
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(this.client.search("posts", after).items().get(0))
				.containsEntry("text", "newest edit " + after)
				.containsEntry("createdAt", "2026-11-01T10:00:00Z")
				.containsEntry("updatedAt", "2026-11-01T10:01:30Z"));
		assertThat(this.client.search("posts", before).items()).isEmpty();
		assertThat(this.client.search("posts", stale).items()).isEmpty();
	}

	@Test
	void aMalformedEventIsDeadLetteredAndLaterEventsStillApply() {
		String tag = word("poison");
		double deadLettered = consumed(this.properties.contentTopic(), "dead_lettered");
		this.events.raw("content", "chorus.content.post.created.v1", "bad-1", Map.of("text", "no id " + tag));
		this.events.postLiked("bad-1");
		this.events.postCreated("bad-1", "fine " + tag, T0);

		awaitIds("posts", tag, "bad-1");
		assertThat(consumed(this.properties.contentTopic(), "dead_lettered")).isEqualTo(deadLettered + 1);
	}

	private void awaitIds(String type, String q, Object... ids) {
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(this.client.search(type, q).ids()).containsExactlyElementsOf(List.of(ids)));
	}

}
