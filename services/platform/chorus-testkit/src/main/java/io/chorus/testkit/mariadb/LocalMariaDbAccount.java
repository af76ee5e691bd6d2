package io.chorus.testkit.mariadb;

import io.chorus.testkit.internal.Secrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The long-lived account of local mode: {@code chorus}, with a password generated on first start
 * and kept (mode 0600) beside the data, allowed to create databases and users, so the printed
 * {@code CHORUS_MARIADB_URL} also serves tests that reuse this server.
 */
public final class LocalMariaDbAccount {

    public static final String USER = "chorus";

    private LocalMariaDbAccount() {
    }

    /**
     * Ensures the account and {@code databases} exist on a server we started and returns the
     * server as seen through that account. A server from {@code CHORUS_MARIADB_URL} keeps its
     * own account; only the databases are created on it.
     */
    public static MariaDbServer ensure(MariaDbServer server, Path passwordFile, List<String> databases) {
        MariaDbServer app = server;
        if (server.source() != MariaDbSource.ENV) {
            String password = password(passwordFile);
            String account = MariaDbAdmin.literal(USER) + "@" + MariaDbAdmin.literal("%");
            MariaDbAdmin.execute(server,
                    "CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY " + MariaDbAdmin.literal(password),
                    "ALTER USER " + account + " IDENTIFIED BY " + MariaDbAdmin.literal(password),
                    "GRANT ALL PRIVILEGES ON *.* TO " + account + " WITH GRANT OPTION");
            app = new MariaDbServer(server.host(), server.port(), USER, password, server.source());
        }
        for (String db : databases) {
            MariaDbAdmin.execute(app, "CREATE DATABASE IF NOT EXISTS " + MariaDbAdmin.identifier(db)
                    + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        return app;
    }

    private static String password(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).strip();
            }
            String password = Secrets.password();
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, password, StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
