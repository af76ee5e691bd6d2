package io.chorus.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempDirsTests {

    @Test
    void reapsServersOfDeadJvmsOnlyAndOnlyWhenTheirCommandLineNamesTheirRunDirectory(@TempDir Path base) throws Exception {
        long deadPid = deadPid();
        Path stale = Files.createDirectories(base.resolve("run-" + deadPid + "-redis-abc123"));
        Path live = Files.createDirectories(base.resolve("run-" + ProcessHandle.current().pid() + "-redis-def456"));
        Process staleServer = tail(stale);
        Process liveServer = tail(live);
        Process unrelated = new ProcessBuilder("sleep", "60").start();
        Files.writeString(stale.resolve("unrelated.pid"), Long.toString(unrelated.pid()));
        try {
            TempDirs.reapStaleRuns(base);

            assertThat(staleServer.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(stale).doesNotExist();
            assertThat(liveServer.isAlive()).isTrue();
            assertThat(live).exists();
            assertThat(unrelated.isAlive()).as("a recycled pid must never be killed").isTrue();
        } finally {
            staleServer.destroyForcibly();
            liveServer.destroyForcibly();
            unrelated.destroyForcibly();
        }
    }

    /** A process whose command line contains {@code dir}, recorded like a server of ours. */
    private static Process tail(Path dir) throws Exception {
        Path log = Files.createFile(dir.resolve("server.log"));
        Process process = new ProcessBuilder("tail", "-f", log.toString()).start();
        Files.writeString(dir.resolve("server.pid"), Long.toString(process.pid()));
        return process;
    }

    private static long deadPid() throws Exception {
        Process done = new ProcessBuilder("true").start();
        done.waitFor();
        return done.pid();
    }
}
