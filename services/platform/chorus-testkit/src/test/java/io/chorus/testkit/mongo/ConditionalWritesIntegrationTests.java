package io.chorus.testkit.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import java.nio.file.Path;
import java.util.ArrayList;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The services' versioned upsert — {@code {_id: key, version: {$lt: v}}} — behaves as on MongoDB
 * on both backends now that such filters are answered through the {@code _id} index.
 */
class ConditionalWritesIntegrationTests {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(WireBackend.class)
    void aNewerVersionReplacesAndAStaleOrRepeatedOneChangesNothing(WireBackend backend) {
        try (MongoWireServer server = backend.start(dir); MongoClient client = MongoClients.create(server.uri("chorus"))) {
            MongoCollection<Document> follows = client.getDatabase("chorus").getCollection("follows");

            assertThat(versionedUpsert(follows, "ada:bob", "0002", true).getUpsertedId()).isNotNull();
            assertThat(versionedUpsert(follows, "ada:bob", "0003", false).getModifiedCount()).isOne();
            assertThatExceptionOfType(MongoWriteException.class)
                    .as("an older version misses the filter and its insert collides with the existing _id")
                    .isThrownBy(() -> versionedUpsert(follows, "ada:bob", "0001", true))
                    .satisfies(e -> assertThat(e.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY));
            assertThatExceptionOfType(MongoWriteException.class)
                    .isThrownBy(() -> versionedUpsert(follows, "ada:bob", "0003", true));

            assertThat(follows.find(Filters.eq("_id", "ada:bob")).first())
                    .containsEntry("version", "0003").containsEntry("active", false);
            assertThat(follows.countDocuments(Filters.and(Filters.eq("_id", "ada:bob"), Filters.eq("version", "0002"))))
                    .isZero();
            assertThat(follows.countDocuments(Filters.and(Filters.eq("_id", "nobody"), Filters.eq("active", false))))
                    .isZero();
        }
    }

    @Test
    void theFileBackendKeepsDocumentsAndTheirIdIndexAcrossARestart() {
        Path file = dir.resolve("mongo").resolve("chorus.mv");
        try (MongoWireServer server = MongoWireServer.startPersistent(0, file);
                MongoClient client = MongoClients.create(server.uri("chorus"))) {
            MongoCollection<Document> follows = client.getDatabase("chorus").getCollection("follows");
            versionedUpsert(follows, "ada:bob", "0002", true);
            versionedUpsert(follows, "ada:cy", "0001", true);
        }

        try (MongoWireServer server = MongoWireServer.startPersistent(0, file);
                MongoClient client = MongoClients.create(server.uri("chorus"))) {
            MongoCollection<Document> follows = client.getDatabase("chorus").getCollection("follows");

            assertThat(follows.find().map(d -> d.getString("_id")).into(new ArrayList<>()))
                    .containsExactlyInAnyOrder("ada:bob", "ada:cy");
            assertThat(versionedUpsert(follows, "ada:cy", "0002", false).getModifiedCount()).isOne();
            assertThatExceptionOfType(MongoWriteException.class)
                    .isThrownBy(() -> follows.insertOne(new Document("_id", "ada:bob")));
        }
    }

    private static UpdateResult versionedUpsert(MongoCollection<Document> follows, String key, String version,
            boolean active) {
        Bson olderThanThis = Filters.and(Filters.eq("_id", key), Filters.lt("version", version));
        return follows.updateOne(olderThanThis, Updates.combine(Updates.set("version", version),
                Updates.set("active", active)), new UpdateOptions().upsert(true));
    }
}
