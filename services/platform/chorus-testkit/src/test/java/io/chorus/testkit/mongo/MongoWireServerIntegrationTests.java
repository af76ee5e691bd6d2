package io.chorus.testkit.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.OperationType;
import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

@ChorusInfrastructure(Infra.MONGO)
class MongoWireServerIntegrationTests {

    @Test
    void insertsAndFindsInTheNamespaceDatabase(TestNamespace namespace) {
        try (MongoClient client = MongoClients.create(namespace.mongoUri())) {
            MongoCollection<Document> feed = client.getDatabase(namespace.mongoDatabase()).getCollection("feed");
            feed.insertMany(List.of(new Document("_id", 1).append("author", "ada").append("likes", 3),
                    new Document("_id", 2).append("author", "bob").append("likes", 7),
                    new Document("_id", 3).append("author", "ada").append("likes", 5)));

            List<Integer> adaPosts = feed.find(Filters.eq("author", "ada")).sort(Sorts.descending("likes"))
                    .map(d -> d.getInteger("_id")).into(new ArrayList<>());

            assertThat(adaPosts).containsExactly(3, 1);
            assertThat(client.listDatabaseNames().into(new ArrayList<>())).contains(namespace.id());
        }
    }

    @Test
    void namespacesUseDifferentDatabases(TestNamespace namespace) {
        TestNamespace other = TestNamespace.create("other");

        assertThat(other.mongoUri()).isNotEqualTo(namespace.mongoUri()).endsWith("/" + other.id());
        try (MongoClient client = MongoClients.create(other.mongoUri())) {
            client.getDatabase(other.mongoDatabase()).getCollection("feed").insertOne(new Document("x", 1));
            assertThat(client.getDatabase(namespace.mongoDatabase()).getCollection("feed")
                    .countDocuments(Filters.eq("x", 1))).isZero();
        }
    }

    @Test
    void changeStreamsSeeInserts(TestNamespace namespace) {
        try (MongoClient client = MongoClients.create(namespace.mongoUri())) {
            MongoCollection<Document> posts = client.getDatabase(namespace.mongoDatabase()).getCollection("posts");
            posts.insertOne(new Document("_id", "warm-up"));
            try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> changes = posts.watch().cursor()) {
                posts.insertOne(new Document("_id", "p1").append("title", "first"));

                ChangeStreamDocument<Document> change = null;
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (change == null && System.nanoTime() < deadline) {
                    change = changes.tryNext();
                }

                assertThat(change).isNotNull();
                assertThat(change.getOperationType()).isEqualTo(OperationType.INSERT);
                assertThat(change.getFullDocument()).containsEntry("title", "first");
            }
        }
    }
}
