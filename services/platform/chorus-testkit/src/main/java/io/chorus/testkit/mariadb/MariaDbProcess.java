package io.chorus.testkit.mariadb;

import io.chorus.testkit.internal.ChildProcess;
import io.chorus.testkit.internal.Executables;
import io.chorus.testkit.internal.Net;
import io.chorus.testkit.internal.TempDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code mariadbd} from a {@link MariaDbDistribution} in a data directory of our own,
 * creating the system tables first when the directory is new (so a persistent directory, as in
 * local mode, is reused across restarts). Root gets a password-less login over TCP on 127.0.0.1.
 */
public final class MariaDbProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MariaDbProcess.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /** Unix socket paths are limited to 108 bytes. */
    private static final int MAX_SOCKET_PATH = 100;

    private final ChildProcess process;
    private final MariaDbServer server;

    private MariaDbProcess(ChildProcess process, MariaDbServer server) {
        this.process = process;
        this.server = server;
    }

    /**
     * Starts a server.
     *
     * @param distribution the program to run
     * @param runDir holds the log, pid file, socket and temp files
     * @param dataDir the data directory; initialised when it has no {@code mysql} schema yet
     * @param port TCP port on 127.0.0.1
     * @param durable false trades crash safety for speed (tests), true keeps InnoDB's defaults
     */
    public static MariaDbProcess start(MariaDbDistribution distribution, Path runDir, Path dataDir, int port,
            boolean durable) {
        long started = System.nanoTime();
        try {
            Files.createDirectories(runDir.resolve("tmp"));
            TempDirs.killRecordedProcesses(runDir);
            if (!Files.isDirectory(dataDir.resolve("mysql"))) {
                Files.createDirectories(dataDir);
                install(distribution, runDir, dataDir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of(distribution.server().toString(), "--no-defaults"));
        if (distribution.baseDir() != null) {
            command.add("--basedir=" + distribution.baseDir());
        }
        command.addAll(List.of("--datadir=" + dataDir.toAbsolutePath(), "--socket=" + socketPath(runDir, port),
                "--port=" + port, "--bind-address=" + Net.LOOPBACK, "--skip-name-resolve",
                "--pid-file=" + runDir.resolve("server.pid").toAbsolutePath(),
                "--tmpdir=" + runDir.resolve("tmp").toAbsolutePath(),
                "--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci",
                // one R2DBC pool per cached Spring test context adds up
                "--max-connections=1000", "--innodb-buffer-pool-size=128M"));
        if (!durable) {
            command.addAll(List.of("--innodb-flush-log-at-trx-commit=0", "--sync-binlog=0", "--innodb-doublewrite=0"));
        }
        if (Executables.runningAsRoot()) {
            command.add("--user=root");
        }
        ChildProcess child = ChildProcess.start("mariadbd", command, runDir, runDir.resolve("mariadbd.log"),
                runDir.resolve("mariadbd.pid"), Map.of());
        var server = new MariaDbServer(Net.LOOPBACK, port, "root", "", distribution.source());
        boolean ready = Net.await(() -> MariaDbAdmin.canLogIn(server, 1_000), child::isAlive, START_TIMEOUT);
        if (!ready) {
            child.stop(Duration.ofSeconds(5));
            List<String> missing = Executables.missingLibraries(distribution.server());
            throw new IllegalStateException("MariaDB (" + distribution.server() + ") did not accept connections on port "
                    + port + (missing.isEmpty() ? "" : "; missing shared libraries: " + missing) + child.logTail());
        }
        log.info("Started MariaDB ({}) on {}:{} in {} ms, data in {}", distribution.source(), Net.LOOPBACK, port,
                (System.nanoTime() - started) / 1_000_000, dataDir);
        return new MariaDbProcess(child, server);
    }

    private static void install(MariaDbDistribution distribution, Path runDir, Path dataDir) {
        List<String> command = new ArrayList<>(List.of(distribution.installDb().toString(), "--no-defaults"));
        if (distribution.baseDir() != null) {
            command.add("--basedir=" + distribution.baseDir());
        }
        command.addAll(List.of("--datadir=" + dataDir.toAbsolutePath(), "--auth-root-authentication-method=normal",
                "--skip-test-db", "--skip-name-resolve"));
        if (Executables.runningAsRoot()) {
            command.add("--user=root");
        }
        ChildProcess.runToCompletion("mariadb-install-db", command, runDir, runDir.resolve("install-db.log"),
                Duration.ofSeconds(120));
    }

    private static String socketPath(Path runDir, int port) {
        String inRunDir = runDir.resolve("mariadbd.sock").toAbsolutePath().toString();
        return inRunDir.length() <= MAX_SOCKET_PATH ? inRunDir
                : Path.of(System.getProperty("java.io.tmpdir"), "chorus-mariadb-" + port + ".sock").toString();
    }

    public MariaDbServer server() {
        return server;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM: mariadbd flushes and shuts down cleanly. */
    @Override
    public void close() {
        process.stop(Duration.ofSeconds(60));
        log.info("Stopped MariaDB on port {}", server.port());
    }
}
