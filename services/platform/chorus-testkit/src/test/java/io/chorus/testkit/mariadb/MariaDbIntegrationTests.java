package io.chorus.testkit.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestInfrastructure;
import io.chorus.testkit.TestNamespace;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

@ChorusInfrastructure(Infra.MARIADB)
class MariaDbIntegrationTests {

    @Test
    void roundTripsRowsThroughTheNamespaceDatabase(TestNamespace namespace) throws SQLException {
        MariaDbDatabase db = namespace.mariaDb();

        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE post (id BIGINT AUTO_INCREMENT PRIMARY KEY, body VARCHAR(200) NOT NULL)");
            statement.execute("INSERT INTO post (body) VALUES ('hello'), ('ünïcødé 🎵')");
            try (ResultSet rows = statement.executeQuery("SELECT body FROM post ORDER BY id")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("hello");
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("ünïcødé 🎵");
            }
            try (ResultSet version = statement.executeQuery("SELECT VERSION(), DATABASE()")) {
                version.next();
                assertThat(version.getString(1)).containsIgnoringCase("mariadb");
                assertThat(version.getString(2)).isEqualTo(namespace.id());
            }
        }
        assertThat(db.r2dbcUrl()).isEqualTo("r2dbc:mysql://" + db.host() + ":" + db.port() + "/" + namespace.id());
        assertThat(db.springProperties()).containsEntry("spring.flyway.url", db.jdbcUrl())
                .containsEntry("spring.r2dbc.username", db.username());
    }

    @Test
    void namespacesGetSeparateDatabasesAndTheAccountSeesOnlyItsOwn(TestNamespace namespace) throws SQLException {
        MariaDbDatabase mine = namespace.mariaDb();
        MariaDbDatabase other = TestNamespace.create("other").mariaDb();
        assertThat(other.name()).isNotEqualTo(mine.name());

        try (Connection connection = DriverManager.getConnection(other.jdbcUrl(), other.username(), other.password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE marker (id INT)");
        }
        try (Connection connection = DriverManager.getConnection(mine.jdbcUrl(), mine.username(), mine.password());
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM marker"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("doesn't exist");
        }
        if (TestInfrastructure.mariaDb().source() != MariaDbSource.ENV) {
            assertThatThrownBy(() -> DriverManager.getConnection(
                    "jdbc:mariadb://" + mine.host() + ":" + mine.port() + "/mysql", mine.username(), mine.password()))
                    .isInstanceOf(SQLException.class).hasMessageContaining("denied");
        }
    }
}
