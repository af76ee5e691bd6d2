package io.chorus.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A server process started by the testkit: output goes to a log file (read back when it fails to
 * start) and its pid to a pid file, so a later run can reap it if this JVM dies without running
 * its shutdown hooks.
 */
public final class ChildProcess {

    private final String name;
    private final Process process;
    private final Path logFile;
    private final @Nullable Path pidFile;

    private ChildProcess(String name, Process process, Path logFile, @Nullable Path pidFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.pidFile = pidFile;
    }

    /** Starts {@code command}; {@code pidFile} may be null when nothing needs to reap it later. */
    public static ChildProcess start(String name, List<String> command, Path workDir, Path logFile,
            @Nullable Path pidFile, Map<String, String> extraEnv) {
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            var builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(extraEnv);
            Process process = builder.start();
            if (pidFile != null) {
                Files.writeString(pidFile, Long.toString(process.pid()), StandardCharsets.US_ASCII);
            }
            return new ChildProcess(name, process, logFile, pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + ": " + command, e);
        }
    }

    /** Runs a short command to completion, failing with its output if it exits non-zero. */
    public static void runToCompletion(String name, List<String> command, Path workDir, Path logFile,
            Duration timeout) {
        ChildProcess child = start(name, command, workDir, logFile, null, Map.of());
        try {
            if (!child.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                child.process.destroyForcibly();
                throw new IllegalStateException(name + " did not finish within " + timeout + child.logTail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.process.destroyForcibly();
            throw new IllegalStateException(name + " interrupted", e);
        }
        if (child.process.exitValue() != 0) {
            throw new IllegalStateException(name + " exited with " + child.process.exitValue() + child.logTail());
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public String name() {
        return name;
    }

    /** SIGTERM (servers shut down cleanly on it), then SIGKILL after {@code grace}. */
    public void stop(Duration grace) {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        if (pidFile != null) {
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException ignored) {
                // the pid file is only a hint for the reaper
            }
        }
    }

    /** The last lines of the process log, formatted to append to an exception message. */
    public String logTail() {
        return "\n--- last lines of " + logFile + " ---\n" + tail(logFile, 30);
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
