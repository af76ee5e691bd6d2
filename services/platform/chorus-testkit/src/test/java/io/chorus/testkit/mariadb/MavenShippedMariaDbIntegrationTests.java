package io.chorus.testkit.mariadb;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.testkit.internal.Net;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps the no-install path proven even on machines that have mariadb-server installed. */
class MavenShippedMariaDbIntegrationTests {

    @Test
    void startsTheMavenShippedServerAndKeepsDataAcrossARestart(@TempDir Path dir) throws SQLException {
        int port = Net.freePort();
        Path dataDir = dir.resolve("data");
        try (MariaDbLauncher.Started first = MariaDbLauncher.start(MariaDbSource.MAVEN_SHIPPED, dir, dataDir, port, true)) {
            assertThat(first.server().source()).isEqualTo(MariaDbSource.MAVEN_SHIPPED);
            MariaDbDatabase db = new MariaDbDatabases(first.server()).create("shipped");
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE track (title VARCHAR(50))");
                s.execute("INSERT INTO track VALUES ('first light')");
                try (ResultSet version = s.executeQuery("SELECT VERSION()")) {
                    version.next();
                    assertThat(version.getString(1)).startsWith("10.11");
                }
            }
        }
        assertThat(Net.canConnect(Net.LOOPBACK, port, java.time.Duration.ofMillis(200))).isFalse();

        try (MariaDbLauncher.Started second = MariaDbLauncher.start(MariaDbSource.MAVEN_SHIPPED, dir, dataDir, port, true);
                Connection c = DriverManager.getConnection(second.server().adminJdbcUrl() + "shipped", "root", "");
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT title FROM track")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("first light");
        }
    }
}
