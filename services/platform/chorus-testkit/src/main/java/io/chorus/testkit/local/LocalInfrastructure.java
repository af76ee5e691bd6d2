package io.chorus.testkit.local;

import io.chorus.testkit.internal.Net;
import io.chorus.testkit.internal.TempDirs;
import io.chorus.testkit.kafka.KafkaBroker;
import io.chorus.testkit.mariadb.LocalMariaDbAccount;
import io.chorus.testkit.mariadb.MariaDbLauncher;
import io.chorus.testkit.mariadb.MariaDbServer;
import io.chorus.testkit.mongo.MongoWireServer;
import io.chorus.testkit.redis.RedisEndpoint;
import io.chorus.testkit.redis.RedisLauncher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Local mode for {@code installer.sh}: the same four pieces as the tests, long-lived, on fixed
 * ports, data under one directory.
 *
 * <pre>java -cp CLASSPATH io.chorus.testkit.local.LocalInfrastructure --data-dir .local</pre>
 *
 * <p>Everything persists across restarts: MariaDB ({@code DIR/mariadb/data}), Kafka
 * ({@code DIR/kafka}), Redis (append-only file in {@code DIR/redis}) and Mongo (H2 file
 * {@code DIR/mongo/chorus.mv}), so read models stay consistent with the Kafka offsets that
 * built them. A MariaDB or Redis
 * named by {@code CHORUS_MARIADB_URL} / {@code CHORUS_REDIS_URL} is reused instead of started.
 * Prints one {@code KEY=value} line per endpoint, writes them to {@code DIR/endpoints.env} (removed
 * again on shutdown) and runs until SIGTERM/SIGINT, then stops its servers cleanly.
 */
public final class LocalInfrastructure implements AutoCloseable {

    private final Path dataDir;
    private final Map<String, String> endpoints;
    private final Deque<AutoCloseable> running;
    private final FileLock lock;

    private LocalInfrastructure(Path dataDir, Map<String, String> endpoints, Deque<AutoCloseable> running, FileLock lock) {
        this.dataDir = dataDir;
        this.endpoints = endpoints;
        this.running = running;
        this.lock = lock;
    }

    public static void main(String[] args) throws InterruptedException {
        LocalOptions options;
        try {
            options = LocalOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        LocalInfrastructure local;
        try {
            local = start(options);
        } catch (RuntimeException e) {
            System.err.println("Local infrastructure failed to start: " + e.getMessage());
            System.exit(1);
            return;
        }
        // A command-line process started by installer.sh, not a service: stdout is its protocol
        // (the installer reads these lines into endpoints.env and waits for the ready marker).
        local.endpoints().forEach((key, value) -> System.out.println(key + "=" + value));
        System.out.println("CHORUS_LOCAL_READY=true");
        System.out.flush();
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            local.close();
            stopped.countDown();
        }, "chorus-local-shutdown"));
        stopped.await();
    }

    /** Starts everything (stopping what already started if a piece fails). */
    public static LocalInfrastructure start(LocalOptions options) {
        Path dir = options.dataDir();
        FileLock lock = lock(dir);
        Deque<AutoCloseable> running = new ArrayDeque<>();
        Map<String, String> endpoints = new LinkedHashMap<>();
        try {
            MariaDbServer mariaDb = startMariaDb(options, running);
            endpoints.put(MariaDbLauncher.ENV_URL, mariaDb.url());
            RedisEndpoint redis = startRedis(options, running);
            endpoints.put(RedisLauncher.ENV_URL, redis.url());
            requireFree("Kafka", options.kafkaPort(), "--kafka-port");
            requireFree("Kafka controller", options.kafkaControllerPort(), "--kafka-controller-port");
            KafkaBroker kafka = KafkaBroker.create(dir.resolve("kafka"), options.kafkaPort(), options.kafkaControllerPort());
            running.push(kafka::stop);
            kafka.start();
            endpoints.put("CHORUS_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            requireFree("Mongo", options.mongoPort(), "--mongo-port");
            MongoWireServer mongo = MongoWireServer.startPersistent(options.mongoPort(), dir.resolve("mongo").resolve("chorus.mv"));
            running.push(mongo);
            endpoints.put("CHORUS_MONGODB_URI", "mongodb://" + mongo.hostAndPort());
            LocalSecrets.ensure(dir);
            writeEndpoints(dir, endpoints);
            return new LocalInfrastructure(dir, endpoints, running, lock);
        } catch (RuntimeException e) {
            new LocalInfrastructure(dir, endpoints, running, lock).close();
            throw e;
        }
    }

    private static MariaDbServer startMariaDb(LocalOptions options, Deque<AutoCloseable> running) {
        Path home = options.dataDir().resolve("mariadb");
        Optional<MariaDbServer> env = MariaDbLauncher.fromEnvironment();
        MariaDbServer server;
        if (env.isPresent()) {
            server = env.get();
        } else {
            TempDirs.killRecordedProcesses(home); // left behind by a local mode that was killed
            requireFree("MariaDB", options.mariaDbPort(), "--mariadb-port");
            MariaDbLauncher.Started started = MariaDbLauncher.start(null, home, home.resolve("data"), options.mariaDbPort(), true);
            running.push(started);
            server = started.server();
        }
        return LocalMariaDbAccount.ensure(server, home.resolve("chorus.password"), options.databases());
    }

    private static RedisEndpoint startRedis(LocalOptions options, Deque<AutoCloseable> running) {
        Optional<RedisEndpoint> env = RedisLauncher.fromEnvironment();
        if (env.isPresent()) {
            return env.get();
        }
        Path home = options.dataDir().resolve("redis");
        TempDirs.killRecordedProcesses(home);
        requireFree("Redis", options.redisPort(), "--redis-port");
        RedisLauncher.Started started = RedisLauncher.start(null, home, options.redisPort(), true);
        running.push(started);
        return started.endpoint();
    }

    public Map<String, String> endpoints() {
        return Map.copyOf(endpoints);
    }

    /** Stops what was started, newest first, and removes {@code endpoints.env}. */
    @Override
    public synchronized void close() {
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                System.err.println("Stopping failed: " + e);
            }
        }
        try {
            Files.deleteIfExists(dataDir.resolve("endpoints.env"));
            if (lock.isValid()) {
                lock.release();
                lock.channel().close();
            }
        } catch (IOException e) {
            System.err.println("Cleanup failed: " + e);
        }
    }

    private static void requireFree(String what, int port, String flag) {
        if (Net.canConnect(Net.LOOPBACK, port, Duration.ofMillis(300))) {
            throw new IllegalStateException(what + " port " + port + " is already in use; pick another with " + flag);
        }
    }

    private static FileLock lock(Path dir) {
        try {
            Files.createDirectories(dir);
            FileChannel channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                lock = null; // held by this very JVM
            }
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("Another LocalInfrastructure is running with --data-dir " + dir);
            }
            return lock;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeEndpoints(Path dir, Map<String, String> endpoints) {
        var content = new StringBuilder("# Written by io.chorus.testkit.local.LocalInfrastructure; removed when it stops.\n");
        endpoints.forEach((key, value) -> content.append(key).append('=').append(value).append('\n'));
        try {
            Path tmp = dir.resolve("endpoints.env.tmp");
            Files.writeString(tmp, content);
            try {
                // it holds the generated MariaDB password
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            Files.move(tmp, dir.resolve("endpoints.env"), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
