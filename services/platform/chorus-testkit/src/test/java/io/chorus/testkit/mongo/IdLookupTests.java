package io.chorus.testkit.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.AbstractMongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdLookupTests {

    private final AbstractMongoCollection<Integer> follows = collectionWith(
            new Document("_id", "ada:bob").append("version", "0002"),
            new Document("_id", "ada:cy").append("version", "0001"));

    private final List<Index<Integer>> indexes = follows.getIndexes();

    @Test
    void aFilterPinningIdToOneValueHasOnlyThatDocumentAsCandidate() {
        Iterable<Integer> candidates = IdLookup.candidates(indexes,
                new Document("_id", "ada:bob").append("version", new Document("$lt", "0003")));

        assertThat(candidates).hasSize(1);
        assertThat(IdLookup.candidates(indexes, new Document("_id", "nobody").append("version", "0001"))).isEmpty();
    }

    @Test
    void anIdInsideAndCountsAsPinned() {
        Document driverAnd = new Document("$and", List.of(new Document("_id", "ada:cy"),
                new Document("version", new Document("$lte", "0001"))));

        assertThat(IdLookup.candidates(indexes, driverAnd)).hasSize(1);
    }

    @Test
    void filtersThatDoNotPinIdToOneValueAreLeftToTheServer() {
        assertThat(IdLookup.candidates(indexes, new Document("_id", "ada:bob"))).as("the server's own index path")
                .isNull();
        assertThat(IdLookup.candidates(indexes, new Document("version", "0001").append("active", true))).isNull();
        assertThat(IdLookup.candidates(indexes,
                new Document("_id", new Document("$in", List.of("ada:bob", "ada:cy"))).append("version", "0001")))
                .isNull();
        assertThat(IdLookup.candidates(indexes, new Document("_id", new Document("a", 1)).append("version", "0001")))
                .isNull();
    }

    @SuppressWarnings("unchecked")
    private static AbstractMongoCollection<Integer> collectionWith(Document... documents) {
        var collection = (AbstractMongoCollection<Integer>) new IndexedMemoryBackend()
                .openOrCreateDatabase("chorus").createCollectionOrThrowIfExists("follows", CollectionOptions.withDefaults());
        collection.insertDocuments(List.of(documents), true);
        return collection;
    }
}
