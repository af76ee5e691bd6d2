package io.chorus.testkit.mariadb;

import io.chorus.testkit.internal.Executables;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A MariaDB server program plus the script that creates its system tables.
 *
 * @param server {@code mariadbd} (or {@code mysqld})
 * @param installDb {@code mariadb-install-db} (or {@code mysql_install_db})
 * @param baseDir installation root for a relocated (unpacked) distribution; null for an installed
 *     package, which knows its own paths
 * @param source where it came from
 */
record MariaDbDistribution(Path server, Path installDb, @Nullable Path baseDir, MariaDbSource source) {

    /** The Debian/Ubuntu package layout: {@code /usr/sbin/mariadbd} + {@code /usr/bin/mariadb-install-db}. */
    static Optional<MariaDbDistribution> installed() {
        Optional<Path> server = Executables.find("mariadbd", "mysqld");
        Optional<Path> installDb = Executables.find("mariadb-install-db", "mysql_install_db");
        if (server.isEmpty() || installDb.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MariaDbDistribution(server.get(), installDb.get(), null, MariaDbSource.INSTALLED));
    }
}
