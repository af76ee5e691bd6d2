package io.chorus.testkit.mongo;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import io.chorus.testkit.internal.Net;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-JVM server speaking the MongoDB wire protocol (mongo-java-server), with the oplog enabled
 * so change streams work. Tests use the in-memory backend (data is lost when it stops); the
 * long-lived local mode uses the H2 file backend, so read models survive a restart just as the
 * Kafka offsets that built them do. Both backends use indexes where MongoDB would — filters
 * pinning {@code _id} among other fields, and non-unique indexes on string fields — so reads and
 * versioned writes do not scan whole collections ({@link IdLookup}, {@link EqualityIndex}).
 *
 * <p>Known gaps compared with a real MongoDB: no {@code $text} search, no multi-document
 * transactions, no TTL expiry, and Spring Boot's Mongo health check fails against it (set
 * {@code management.health.mongo.enabled=false}, which {@code @ChorusInfrastructure} does).
 */
public final class MongoWireServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MongoWireServer.class);

    private final MongoServer server;
    private final InetSocketAddress address;

    private MongoWireServer(MongoServer server, InetSocketAddress address) {
        this.server = server;
        this.address = address;
    }

    /** Starts an in-memory server on 127.0.0.1:{@code port}; 0 picks a free port. */
    public static MongoWireServer start(int port) {
        return start(new IndexedMemoryBackend(), port);
    }

    /** Starts a server on 127.0.0.1:{@code port} that keeps its data in the H2 file {@code file}. */
    public static MongoWireServer startPersistent(int port, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return start(new IndexedH2Backend(file.toAbsolutePath().toString()), port);
    }

    private static MongoWireServer start(MongoBackend backend, int port) {
        var server = new MongoServer(backend);
        server.enableOplog();
        server.bind(Net.LOOPBACK, port);
        var wire = new MongoWireServer(server, server.getLocalAddress());
        log.info("Started in-JVM Mongo wire server on {}", wire.hostAndPort());
        return wire;
    }

    public String host() {
        return address.getHostString();
    }

    public int port() {
        return address.getPort();
    }

    public String hostAndPort() {
        return host() + ":" + port();
    }

    /** {@code mongodb://127.0.0.1:port/database}, the value of {@code spring.mongodb.uri}. */
    public String uri(String database) {
        return "mongodb://" + hostAndPort() + "/" + database;
    }

    @Override
    public void close() {
        server.shutdownNow();
        log.info("Stopped Mongo wire server on {}", hostAndPort());
    }
}
