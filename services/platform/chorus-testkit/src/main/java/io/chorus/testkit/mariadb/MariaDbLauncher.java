package io.chorus.testkit.mariadb;

import io.chorus.testkit.internal.Net;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds or starts MariaDB: {@code CHORUS_MARIADB_URL}, else a password-less root on
 * 127.0.0.1:3306, else an installed {@code mariadbd}, else the Maven-shipped one. The system
 * property {@code chorus.testkit.mariadb.source} ({@code env}, {@code localhost}, {@code installed},
 * {@code maven_shipped}) forces one source.
 */
public final class MariaDbLauncher {

    public static final String ENV_URL = "CHORUS_MARIADB_URL";
    public static final String FORCE_PROPERTY = "chorus.testkit.mariadb.source";
    private static final Logger log = LoggerFactory.getLogger(MariaDbLauncher.class);
    private static final int LOCALHOST_PORT = 3306;

    private MariaDbLauncher() {
    }

    /** A running server plus what stops it (nothing for a shared one). */
    public record Started(MariaDbServer server, @Nullable MariaDbProcess process) implements AutoCloseable {
        @Override
        public void close() {
            if (process != null) {
                process.close();
            }
        }
    }

    /**
     * Resolves a server for a test JVM; a started one runs in {@code runDir} on a random port.
     *
     * @param runDir used only when a server has to be started
     */
    public static Started forTests(Path runDir) {
        MariaDbSource forced = forcedSource();
        if (forced == null || forced == MariaDbSource.ENV) {
            Optional<MariaDbServer> env = fromEnvironment();
            if (env.isPresent() || forced == MariaDbSource.ENV) {
                return chosen(new Started(env.orElseThrow(() -> new IllegalStateException(ENV_URL + " is not set")), null));
            }
        }
        if (forced == null || forced == MariaDbSource.LOCALHOST) {
            var candidate = new MariaDbServer(Net.LOOPBACK, LOCALHOST_PORT, "root", "", MariaDbSource.LOCALHOST);
            if (Net.canConnect(Net.LOOPBACK, LOCALHOST_PORT, Duration.ofMillis(300)) && MariaDbAdmin.canLogIn(candidate, 2_000)) {
                return chosen(new Started(candidate, null));
            }
            if (forced == MariaDbSource.LOCALHOST) {
                throw new IllegalStateException("No MariaDB accepting root without password on 127.0.0.1:3306");
            }
            log.debug("No password-less MariaDB on 127.0.0.1:3306, trying an installed mariadbd");
        }
        return chosen(start(forced, runDir, runDir.resolve("data"), Net.freePort(), false));
    }

    /**
     * Starts a private server from an installed {@code mariadbd} if there is one (and
     * {@code forced} allows it), else from the Maven-shipped binaries.
     */
    public static Started start(@Nullable MariaDbSource forced, Path runDir, Path dataDir, int port, boolean durable) {
        if (forced == null || forced == MariaDbSource.INSTALLED) {
            Optional<MariaDbDistribution> installed = MariaDbDistribution.installed();
            if (installed.isPresent()) {
                return started(MariaDbProcess.start(installed.get(), runDir, dataDir, port, durable));
            }
            if (forced == MariaDbSource.INSTALLED) {
                throw new IllegalStateException("No mariadbd/mysqld plus mariadb-install-db on PATH or in /usr/sbin");
            }
            log.debug("No installed mariadbd; using the Maven-shipped MariaDB");
        }
        return started(MariaDbProcess.start(MavenShippedMariaDb.unpack(), runDir, dataDir, port, durable));
    }

    /** {@code CHORUS_MARIADB_URL}, checked to be reachable: an explicit setting that fails is an error, not a fallback. */
    public static Optional<MariaDbServer> fromEnvironment() {
        String url = System.getenv(ENV_URL);
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        MariaDbServer server = MariaDbUrl.parse(url, MariaDbSource.ENV);
        if (!MariaDbAdmin.canLogIn(server, 5_000)) {
            throw new IllegalStateException(ENV_URL + "=" + MariaDbUrl.redact(url) + " is set but cannot be logged into");
        }
        return Optional.of(server);
    }

    private static Started started(MariaDbProcess process) {
        return new Started(process.server(), process);
    }

    private static Started chosen(Started started) {
        log.info("MariaDB for tests: {} ({}:{})", started.server().source(), started.server().host(), started.server().port());
        return started;
    }

    private static @Nullable MariaDbSource forcedSource() {
        String value = System.getProperty(FORCE_PROPERTY);
        return value == null || value.isBlank() ? null : MariaDbSource.valueOf(value.strip().toUpperCase(Locale.ROOT));
    }
}
