package io.chorus.testkit.redis;

import io.chorus.testkit.internal.ChildProcess;
import io.chorus.testkit.internal.Net;
import io.chorus.testkit.internal.TempDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code redis-server} we started: loopback only, no password; persistence (append-only file) only
 * when {@code durable}, i.e. for the long-lived local mode.
 */
public final class RedisProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisProcess.class);

    private final ChildProcess process;
    private final RedisEndpoint endpoint;

    private RedisProcess(ChildProcess process, RedisEndpoint endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static RedisProcess start(Path binary, RedisSource source, Path runDir, int port, boolean durable) {
        long started = System.nanoTime();
        try {
            Files.createDirectories(runDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TempDirs.killRecordedProcesses(runDir);
        List<String> command = List.of(binary.toString(), "--port", Integer.toString(port), "--bind", Net.LOOPBACK,
                "--dir", runDir.toAbsolutePath().toString(), "--save", "", "--appendonly", durable ? "yes" : "no",
                "--daemonize", "no", "--protected-mode", "no", "--logfile", "");
        ChildProcess child = ChildProcess.start("redis-server", command, runDir, runDir.resolve("redis.log"),
                runDir.resolve("redis.pid"), Map.of());
        var endpoint = new RedisEndpoint(Net.LOOPBACK, port, null, null, source);
        if (!Net.await(() -> RespClient.answersPing(endpoint, 500), child::isAlive, Duration.ofSeconds(30))) {
            child.stop(Duration.ofSeconds(5));
            throw new IllegalStateException("redis-server (" + binary + ") did not answer PING on port " + port
                    + child.logTail());
        }
        log.info("Started Redis ({}) on {}:{} in {} ms", source, Net.LOOPBACK, port, (System.nanoTime() - started) / 1_000_000);
        return new RedisProcess(child, endpoint);
    }

    public RedisEndpoint endpoint() {
        return endpoint;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(10));
        log.info("Stopped Redis on port {}", endpoint.port());
    }
}
