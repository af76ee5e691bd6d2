package io.chorus.testkit.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.AbstractMongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Reads answered from non-unique indexes return what a scan returns, through writes and restarts. */
class SecondaryIndexesIntegrationTests {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(WireBackend.class)
    void indexedReadsFollowInsertsUpdatesAndDeletes(WireBackend backend) {
        try (MongoWireServer server = backend.start(dir); MongoClient client = MongoClients.create(server.uri("chorus"))) {
            MongoCollection<Document> follows = client.getDatabase("chorus").getCollection("follows");
            follows.createIndex(Indexes.compoundIndex(Indexes.ascending("followerId"), Indexes.ascending("pull")));
            follows.insertMany(List.of(follow("ada", "bob", 1), follow("ada", "cy", 2), follow("bob", "cy", 3),
                    follow("cy", "ada", 4)));

            follows.updateOne(Filters.eq("_id", "ada/cy"), Updates.set("followerId", "dan"));
            follows.deleteOne(Filters.eq("_id", "bob/cy"));

            assertThat(ids(follows, Filters.eq("followerId", "ada"))).containsExactly("ada/bob");
            assertThat(ids(follows, Filters.and(Filters.eq("followerId", "dan"), Filters.eq("pull", false))))
                    .containsExactly("ada/cy");
            assertThat(ids(follows, Filters.in("followerId", "dan", "cy", "bob"))).containsExactly("cy/ada", "ada/cy");
            assertThat(ids(follows, Filters.eq("followerId", "bob"))).isEmpty();
        }
    }

    @Test
    void multikeyFieldsMatchOnAnyElement() {
        try (MongoWireServer server = MongoWireServer.start(0);
                MongoClient client = MongoClients.create(server.uri("chorus"))) {
            MongoCollection<Document> posts = client.getDatabase("chorus").getCollection("posts");
            posts.createIndex(Indexes.ascending("terms"));
            posts.insertMany(List.of(new Document("_id", "p1").append("terms", List.of("blue", "note")).append("at", 1),
                    new Document("_id", "p2").append("terms", List.of("blue", "moon")).append("at", 2)));

            assertThat(ids(posts, Filters.eq("terms", "blue"))).containsExactly("p2", "p1");
            assertThat(ids(posts, Filters.all("terms", "blue", "note"))).containsExactly("p1");
        }
    }

    @Test
    void theFileBackendRebuildsItsIndexesWhenItReopens() {
        Path file = dir.resolve("mongo").resolve("chorus.mv");
        try (MongoWireServer server = MongoWireServer.startPersistent(0, file);
                MongoClient client = MongoClients.create(server.uri("chorus"))) {
            MongoCollection<Document> follows = client.getDatabase("chorus").getCollection("follows");
            follows.createIndex(Indexes.ascending("followerId"));
            follows.insertMany(List.of(follow("ada", "bob", 1), follow("bob", "cy", 2)));
        }

        try (MongoWireServer server = MongoWireServer.startPersistent(0, file);
                MongoClient client = MongoClients.create(server.uri("chorus"))) {
            MongoCollection<Document> follows = client.getDatabase("chorus").getCollection("follows");
            follows.insertOne(follow("ada", "cy", 3));

            assertThat(ids(follows, Filters.eq("followerId", "ada"))).containsExactly("ada/cy", "ada/bob");
            assertThat(follows.listIndexes().map(i -> i.getString("name")).into(new ArrayList<>()))
                    .contains("followerId_1");
        }
    }

    @Test
    void bothBackendsKeepNonUniqueIndexesInsteadOfIgnoringThem() {
        assertThat(indexesAfterCreatingOne(new IndexedMemoryBackend())).anyMatch(EqualityIndex.class::isInstance);
        assertThat(indexesAfterCreatingOne(new IndexedH2Backend(dir.resolve("chorus.mv").toString())))
                .anyMatch(EqualityIndex.class::isInstance);
    }

    private static List<? extends Index<?>> indexesAfterCreatingOne(AbstractMongoBackend backend) {
        MongoServer server = new MongoServer(backend);
        InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients
                .create("mongodb://" + address.getHostString() + ":" + address.getPort() + "/chorus")) {
            client.getDatabase("chorus").getCollection("follows").createIndex(Indexes.ascending("followerId"));
            return ((AbstractMongoCollection<?>) backend.resolveDatabase("chorus").resolveCollection("follows", true))
                    .getIndexes();
        } finally {
            server.shutdownNow();
        }
    }

    private static Document follow(String follower, String followee, int at) {
        return new Document("_id", follower + "/" + followee).append("followerId", follower)
                .append("followeeId", followee).append("pull", false).append("at", at);
    }

    private static List<String> ids(MongoCollection<Document> collection, Bson filter) {
        return collection.find(filter).sort(Sorts.descending("at")).map(d -> d.getString("_id"))
                .into(new ArrayList<>());
    }
}
