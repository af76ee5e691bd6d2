package io.chorus.testkit.internal;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds installed programs on PATH and in the sbin directories PATH often lacks. */
public final class Executables {

    private static final List<String> EXTRA_DIRS = List.of("/usr/sbin", "/usr/local/sbin", "/usr/bin",
            "/usr/local/bin", "/usr/libexec");

    private Executables() {
    }

    public static Optional<Path> find(String... names) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.addAll(EXTRA_DIRS);
        for (String name : names) {
            for (String dir : dirs) {
                if (dir.isBlank()) {
                    continue;
                }
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Shared libraries the dynamic linker cannot find for {@code binary}, as {@code ldd} reports
     * them; empty when all resolve or when ldd itself is unavailable.
     */
    public static List<String> missingLibraries(Path binary) {
        Optional<Path> ldd = find("ldd");
        if (ldd.isEmpty()) {
            return List.of();
        }
        try {
            Process process = new ProcessBuilder(ldd.get().toString(), binary.toString())
                    .redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes());
            process.waitFor();
            return out.lines().filter(l -> l.contains("not found")).map(String::strip).toList();
        } catch (Exception e) {
            return List.of();
        }
    }

    public static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
