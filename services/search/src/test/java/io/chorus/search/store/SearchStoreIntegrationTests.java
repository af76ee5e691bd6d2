package io.chorus.search.store;

import java.time.Instant;
import java.util.List;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.chorus.search.domain.Candidate;
import io.chorus.search.domain.Changes.ArtistPut;
import io.chorus.search.domain.Changes.Order;
import io.chorus.search.domain.Changes.PostDelete;
import io.chorus.search.domain.Changes.TrackPut;
import io.chorus.search.domain.Hits.TrackHit;
import io.chorus.search.domain.Changes.PostPut;
import io.chorus.search.domain.Hits.PostHit;
import io.chorus.search.domain.SearchType;
import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The store's conditional upserts and lookups against the Mongo wire server. */
@ChorusInfrastructure(Infra.MONGO)
class SearchStoreIntegrationTests {

	private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

	private static MongoClient client;

	private static SearchStore store;

	@BeforeAll
	static void connect(TestNamespace namespace) {
		client = MongoClients.create(namespace.mongoUri());
		store = new SearchStore(new ReactiveMongoTemplate(client, namespace.mongoDatabase()), 15);
		store.createIndexes().block();
	}

	@AfterAll
	static void close() {
		client.close();
	}

	private static PostPut post(String id, String text, long version, Instant at, boolean created) {
		return new PostPut(id, "m-1", text, null, List.of(), created ? at : null, at, version);
	}

	private static List<String> texts(String term) {
		return store.candidates(SearchType.POSTS, List.of(term), 100)
			.map(Candidate::item)
			.cast(PostHit.class)
			.map(PostHit::text)
			.collectList()
			.block();
	}

	@Test
	void appliesNewerVersionsOnlyAndNeverDuplicates() {
		assertThat(store.put(post("s-1", "alpha one", 1, T0, true)).block()).isTrue();
		assertThat(store.put(post("s-1", "alpha one", 1, T0, true)).block()).isFalse();
		assertThat(store.put(post("s-1", "alpha three", 3, T0.plusSeconds(3), false)).block()).isTrue();
		assertThat(store.put(post("s-1", "alpha two", 2, T0.plusSeconds(2), false)).block()).isFalse();
		assertThat(store.put(post("s-1", "alpha four", 4, T0.plusSeconds(4), false)).block()).isTrue();

		assertThat(texts("alpha")).containsExactly("alpha four");
		assertThat(texts("two")).isEmpty();
	}

	@Test
	void aTombstoneKeepsADeletedPostDeleted() {
		store.put(post("s-2", "beta", 1, T0, true)).block();
		assertThat(store.delete(new PostDelete("s-2", T0.plusSeconds(1), 2)).block()).isTrue();
		assertThat(store.put(post("s-2", "beta", 1, T0, true)).block()).isFalse();

		assertThat(texts("beta")).isEmpty();
	}

	@Test
	void ordersArtistChangesByTimeThenEventIdAndFinishesARenameOnRedelivery() {
		Instant at = T0.plusSeconds(10);
		assertThat(store.put(artist("ar-1", "Old Name", T0, "e-1")).block()).isTrue();
		store.put(new TrackPut("tr-1", "ar-1", "Old Name", "Epsilon Song", 1000, null, T0, new Order(T0, "e-t"))).block();
		assertThat(store.put(artist("ar-1", "Newer Name", at, "e-3")).block()).isTrue();
		assertThat(store.put(artist("ar-1", "Same Time Older Event", at, "e-2")).block()).isFalse();
		assertThat(store.put(artist("ar-1", "Newer Name", at, "e-3")).block()).isFalse();

		assertThat(store.isLatestArtistChange("ar-1", "e-3").block()).isTrue();
		assertThat(store.isLatestArtistChange("ar-1", "e-2").block()).isFalse();
		assertThat(store.renameArtistInTracks("ar-1", "Newer Name").block()).isEqualTo(1);
		assertThat(store.renameArtistInTracks("ar-1", "Newer Name").block()).isZero();
		assertThat(store.candidates(SearchType.TRACKS, List.of("newer"), 10).map(Candidate::item)
			.cast(TrackHit.class).map(TrackHit::artistName).collectList().block()).containsExactly("Newer Name");
		assertThat(store.candidates(SearchType.TRACKS, List.of("old"), 10).collectList().block()).isEmpty();
	}

	@Test
	void documentsMatchingAllWordsAreNotCrowdedOutByNewerOnesMatchingOne() {
		store.put(post("c-old", "zeta eta", 1, T0, true)).block();
		for (int i = 1; i <= 3; i++) {
			store.put(post("c-new-" + i, "zeta only", 1, T0.plusSeconds(i), true)).block();
		}

		assertThat(store.candidates(SearchType.POSTS, List.of("zeta"), 2).map(Candidate::id).collectList().block())
			.containsExactly("c-new-3", "c-new-2");
		assertThat(store.candidates(SearchType.POSTS, List.of("zeta", "eta"), 2).map(Candidate::id).collectList()
			.block()).containsExactly("c-old", "c-new-3", "c-new-2");
	}

	private static ArtistPut artist(String id, String name, Instant at, String eventId) {
		return new ArtistPut(id, "m-1", name, null, null, null, new Order(at, eventId));
	}

	@Test
	void findsByAnyAndAllTerms() {
		store.put(post("s-3", "gamma delta", 1, T0, true)).block();
		store.put(post("s-4", "gamma", 1, T0.plusSeconds(1), true)).block();

		assertThat(store.candidates(SearchType.POSTS, List.of("gamma", "delta"), 10).map(Candidate::id).collectList()
			.block()).containsExactlyInAnyOrder("s-3", "s-4");
	}

}
