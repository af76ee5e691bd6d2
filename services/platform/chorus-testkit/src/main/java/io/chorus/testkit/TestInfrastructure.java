package io.chorus.testkit;

import io.chorus.testkit.internal.ShutdownHooks;
import io.chorus.testkit.internal.TempDirs;
import io.chorus.testkit.kafka.KafkaBroker;
import io.chorus.testkit.mariadb.MariaDbDatabases;
import io.chorus.testkit.mariadb.MariaDbLauncher;
import io.chorus.testkit.mariadb.MariaDbServer;
import io.chorus.testkit.mongo.MongoWireServer;
import io.chorus.testkit.redis.RedisEndpoint;
import io.chorus.testkit.redis.RedisKeys;
import io.chorus.testkit.redis.RedisLauncher;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The infrastructure of this test JVM: each piece is found or started on first use, once, and
 * stopped (or, on a shared server, cleaned of what we created) by a JVM shutdown hook. Test
 * classes normally reach it through {@link TestNamespace}, which adds per-class isolation.
 */
public final class TestInfrastructure {

    private static @Nullable MariaDbDatabases mariaDb;
    private static @Nullable RedisEndpoint redis;
    private static final List<String> sharedRedisPrefixes = new ArrayList<>();
    private static @Nullable KafkaBroker kafka;
    private static @Nullable MongoWireServer mongo;

    private TestInfrastructure() {
    }

    /** The MariaDB server (see {@link MariaDbLauncher} for the resolution order). */
    public static MariaDbServer mariaDb() {
        return mariaDbDatabases().server();
    }

    static synchronized MariaDbDatabases mariaDbDatabases() {
        if (mariaDb == null) {
            Path runDir = TempDirs.newRunDir("mariadb");
            MariaDbLauncher.Started started = MariaDbLauncher.forTests(runDir);
            var databases = new MariaDbDatabases(started.server());
            ShutdownHooks.register("MariaDB", () -> {
                if (started.server().source().shared()) {
                    databases.dropAll();
                }
                started.close();
                TempDirs.deleteRecursively(runDir);
            });
            mariaDb = databases;
        }
        return mariaDb;
    }

    /** The Redis server (see {@link RedisLauncher} for the resolution order). */
    public static synchronized RedisEndpoint redis() {
        if (redis == null) {
            Path runDir = TempDirs.newRunDir("redis");
            RedisLauncher.Started started = RedisLauncher.forTests(runDir);
            ShutdownHooks.register("Redis", () -> {
                if (started.process() == null) {
                    cleanSharedRedis(started.endpoint());
                }
                started.close();
                TempDirs.deleteRecursively(runDir);
            });
            redis = started.endpoint();
        }
        return redis;
    }

    /** Remembers a key prefix handed out, to delete its keys at shutdown when the server is shared. */
    static synchronized void trackRedisPrefix(String prefix) {
        sharedRedisPrefixes.add(prefix);
    }

    private static synchronized void cleanSharedRedis(RedisEndpoint endpoint) {
        sharedRedisPrefixes.forEach(prefix -> RedisKeys.deleteByPrefix(endpoint, prefix));
    }

    /** The in-JVM Kafka broker, started on first use. Tests may stop and start it; it keeps its port and data. */
    public static synchronized KafkaBroker kafka() {
        if (kafka == null) {
            Path logDir = TempDirs.newRunDir("kafka");
            KafkaBroker broker = KafkaBroker.create(logDir, 0, 0).start();
            ShutdownHooks.register("Kafka", () -> {
                broker.stop();
                TempDirs.deleteRecursively(logDir);
            });
            kafka = broker;
        } else if (!kafka.isRunning()) {
            // a previous test class stopped it and failed before starting it again
            kafka.start();
        }
        return kafka;
    }

    /** The in-JVM Mongo wire server. */
    public static synchronized MongoWireServer mongo() {
        if (mongo == null) {
            MongoWireServer server = MongoWireServer.start(0);
            ShutdownHooks.register("Mongo", server::close);
            mongo = server;
        }
        return mongo;
    }
}
