package io.chorus.testkit.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import org.junit.jupiter.api.Test;

class EqualityIndexTests {

    private final Index<Integer> byFollower = EqualityIndex.<Integer>onFirstKey("follower",
            List.of(new IndexKey("followerId", true), new IndexKey("pull", true)), false).orElseThrow();

    @Test
    void filtersPinningTheFirstFieldGetOnlyTheDocumentsFiledUnderTheirValues() {
        byFollower.add(follow("ada:bob", "ada"), 0, null);
        byFollower.add(follow("ada:cy", "ada"), 1, null);
        byFollower.add(follow("bob:cy", "bob"), 2, null);

        assertThat(byFollower.getPositions(new Document("followerId", "ada").append("pull", true))).containsExactly(0, 1);
        assertThat(byFollower.getPositions(new Document("followerId", new Document("$eq", "bob")))).containsExactly(2);
        assertThat(byFollower.getPositions(new Document("followerId", new Document("$in", List.of("bob", "zed")))))
                .containsExactly(2);
        assertThat(byFollower.getPositions(new Document("followerId", "zed"))).isEmpty();
    }

    @Test
    void aConditionInsideAndPicksTheCandidatesToo() {
        byFollower.add(follow("ada:bob", "ada"), 0, null);
        byFollower.add(follow("bob:cy", "bob"), 1, null);
        // How the Java driver renders Filters.and(eq("followerId", "bob"), eq("pull", true)).
        Document driverAnd = new Document("$and",
                List.of(new Document("followerId", "bob"), new Document("pull", true)));

        assertThat(byFollower.canHandle(driverAnd)).isTrue();
        assertThat(byFollower.getPositions(driverAnd)).containsExactly(1);
        assertThat(byFollower.canHandle(new Document("$or", List.of(new Document("followerId", "bob")))))
                .as("a disjunct does not bound the result").isFalse();
    }

    @Test
    void updatesAndRemovalsRefileTheDocument() {
        byFollower.add(follow("ada:bob", "ada"), 0, null);
        byFollower.add(follow("ada:cy", "ada"), 1, null);

        byFollower.updateInPlace(follow("ada:bob", "ada"), follow("ada:bob", "dan"), 0, null);
        assertThat(byFollower.remove(follow("ada:cy", "ada"))).isEqualTo(1);

        assertThat(byFollower.getPositions(new Document("followerId", "ada"))).isEmpty();
        assertThat(byFollower.getPositions(new Document("followerId", "dan"))).containsExactly(0);
        assertThat(byFollower.getCount()).isOne();
    }

    @Test
    void arraysAreFiledUnderEachElementAndAllNeedsOnlyItsFirstValueForCandidates() {
        Index<Integer> byTerm = EqualityIndex.<Integer>onFirstKey("terms", List.of(new IndexKey("terms", true)), false)
                .orElseThrow();
        byTerm.add(new Document("_id", "p1").append("terms", List.of("blue", "note")), 0, null);
        byTerm.add(new Document("_id", "p2").append("terms", List.of("blue", "moon")), 1, null);

        assertThat(byTerm.getPositions(new Document("terms", "note"))).containsExactly(0);
        assertThat(byTerm.getPositions(new Document("terms", new Document("$all", List.of("blue", "moon")))))
                .containsExactly(0, 1);
    }

    @Test
    void answersOnlyFiltersItCanAnswerExactly() {
        byFollower.add(follow("ada:bob", "ada"), 0, null);

        assertThat(byFollower.canHandle(new Document("followerId", "ada"))).isTrue();
        assertThat(byFollower.canHandle(new Document("pull", true))).as("not the first field").isFalse();
        assertThat(byFollower.canHandle(new Document("followerId", new Document("$ne", "ada")))).isFalse();
        assertThat(byFollower.canHandle(new Document("followerId", new Document("$gt", "a")))).isFalse();
        assertThat(byFollower.canHandle(new Document("followerId", 7))).isFalse();
        assertThat(byFollower.canHandle(new Document("followerId", null))).as("null also matches a missing field")
                .isFalse();
        assertThat(byFollower.canHandle(new Document("followerId", new Document("$in", List.of("ada", 7)))))
                .isFalse();
    }

    @Test
    void stopsAnsweringOnceADocumentHoldsAnotherKindOfValue() {
        byFollower.add(follow("ada:bob", "ada"), 0, null);
        byFollower.add(new Document("_id", "odd").append("followerId", 42L), 1, null);

        assertThat(byFollower.canHandle(new Document("followerId", "ada"))).isFalse();
    }

    @Test
    void subdocumentPathsAreNotIndexed() {
        assertThat(EqualityIndex.onFirstKey("author", List.of(new IndexKey("author.id", true)), false)).isEmpty();
    }

    private static Document follow(String id, String followerId) {
        return new Document("_id", id).append("followerId", followerId).append("pull", true);
    }
}
