package io.chorus.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Directories under {@code ${java.io.tmpdir}/chorus-testkit}: unpacked server binaries (shared,
 * kept between runs) and one {@code run-<jvm pid>-...} directory per started server (deleted at
 * shutdown). A JVM killed with SIGKILL leaves its run directories and servers behind; the next
 * testkit JVM reaps them.
 */
public final class TempDirs {

    private static final Logger log = LoggerFactory.getLogger(TempDirs.class);
    private static final String RUN_PREFIX = "run-";
    private static volatile boolean reaped;

    private TempDirs() {
    }

    public static Path base() {
        Path base = Path.of(System.getProperty("java.io.tmpdir"), "chorus-testkit");
        try {
            return Files.createDirectories(base);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh directory for one server of this JVM, e.g. {@code run-4711-mariadb-1a2b3c}. */
    public static Path newRunDir(String name) {
        reapStaleRuns();
        Path dir = base().resolve(RUN_PREFIX + ProcessHandle.current().pid() + "-" + name + "-" + Secrets.hex(3));
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", dir, e.toString());
        }
    }

    /**
     * Stops servers whose owning JVM is gone (pid files in run directories of dead JVMs) and
     * deletes those directories. A server is only killed when its command line names its run
     * directory, so a recycled pid never hits an unrelated process.
     */
    static synchronized void reapStaleRuns() {
        if (!reaped) {
            reaped = true;
            reapStaleRuns(base());
        }
    }

    static void reapStaleRuns(Path base) {
        List<Path> runs;
        try (Stream<Path> list = Files.list(base)) {
            runs = list.filter(p -> p.getFileName().toString().startsWith(RUN_PREFIX)).toList();
        } catch (IOException e) {
            return;
        }
        for (Path run : runs) {
            Optional<Long> owner = ownerPid(run);
            if (owner.isEmpty() || ProcessHandle.of(owner.get()).map(ProcessHandle::isAlive).orElse(false)) {
                continue;
            }
            killRecordedProcesses(run);
            deleteRecursively(run);
            log.info("Reaped stale testkit directory {} (its JVM {} is gone)", run, owner.get());
        }
    }

    /** Kills processes whose pid is recorded in {@code *.pid} files of {@code dir} and whose command line mentions {@code dir}. */
    public static void killRecordedProcesses(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path pidFile : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                readPid(pidFile).flatMap(ProcessHandle::of)
                        .filter(p -> p.info().commandLine().map(c -> c.contains(dir.toString())).orElse(false))
                        .ifPresent(TempDirs::terminate);
            }
        } catch (IOException ignored) {
            // nothing to reap
        }
    }

    private static void terminate(ProcessHandle process) {
        log.info("Stopping leftover server process {} ({})", process.pid(), process.info().command().orElse("?"));
        process.destroy();
        try {
            process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }

    private static Optional<Long> ownerPid(Path run) {
        String[] parts = run.getFileName().toString().split("-");
        try {
            return parts.length > 1 ? Optional.of(Long.parseLong(parts[1])) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
