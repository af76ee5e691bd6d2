package io.chorus.testkit.mongo;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.chorus.testkit.internal.Net;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-JVM, in-memory server speaking the MongoDB wire protocol (mongo-java-server), with the
 * oplog enabled so change streams work. Data is lost when it stops.
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

    /** Starts on 127.0.0.1:{@code port}; 0 picks a free port. */
    public static MongoWireServer start(int port) {
        var backend = new MemoryBackend();
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
