package io.chorus.testkit.redis;

import io.chorus.testkit.internal.Executables;
import io.chorus.testkit.internal.Secrets;
import io.chorus.testkit.internal.TempDirs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import redis.embedded.core.ExecutableProvider;
import redis.embedded.model.OsArchitecture;

/**
 * Extracts the {@code redis-server} binary shipped in the embedded-redis jar (6.2 for Linux
 * x86-64/arm64, macOS) to {@code ${java.io.tmpdir}/chorus-testkit} once per machine. We run it
 * ourselves, like an installed one, rather than through embedded-redis' process wrapper.
 */
final class MavenShippedRedis {

    private MavenShippedRedis() {
    }

    static synchronized Path binary() {
        String resource = ExecutableProvider.newProvidedVersionsMap().get(OsArchitecture.detectOSandArchitecture());
        if (resource == null) {
            throw new IllegalStateException("embedded-redis ships no redis-server for this OS/architecture");
        }
        Path target = TempDirs.base().resolve(resource.replace("/", ""));
        if (!Files.isExecutable(target)) {
            Path staging = target.resolveSibling(target.getFileName() + ".tmp-" + Secrets.hex(4));
            try (InputStream in = ExecutableProvider.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("Resource " + resource + " missing from the embedded-redis jar");
                }
                Files.copy(in, staging);
                staging.toFile().setExecutable(true, false);
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot extract " + resource + " to " + target, e);
            } finally {
                staging.toFile().delete();
            }
        }
        List<String> missing = Executables.missingLibraries(target);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The Maven-shipped redis-server cannot run here, shared libraries are"
                    + " missing: " + missing + " (Debian: libssl3). Install redis-server or set CHORUS_REDIS_URL.");
        }
        return target;
    }
}
