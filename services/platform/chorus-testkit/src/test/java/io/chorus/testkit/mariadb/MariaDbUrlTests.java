package io.chorus.testkit.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MariaDbUrlTests {

    @Test
    void parsesUserPasswordHostAndPort() {
        MariaDbServer server = MariaDbUrl.parse("mysql://chorus:p%40ss@db.local:3307", MariaDbSource.ENV);

        assertThat(server).isEqualTo(new MariaDbServer("db.local", 3307, "chorus", "p@ss", MariaDbSource.ENV));
        assertThat(server.url()).isEqualTo("mysql://chorus:p%40ss@db.local:3307");
    }

    @Test
    void defaultsToRootWithoutPasswordOnPort3306() {
        assertThat(MariaDbUrl.parse("mariadb://127.0.0.1", MariaDbSource.ENV))
                .isEqualTo(new MariaDbServer("127.0.0.1", 3306, "root", "", MariaDbSource.ENV));
    }

    @Test
    void rejectsOtherSchemesAndRedactsPasswords() {
        assertThatThrownBy(() -> MariaDbUrl.parse("postgres://x@h:1", MariaDbSource.ENV))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(MariaDbUrl.redact("mysql://u:secret@h:1")).isEqualTo("mysql://u:***@h:1");
    }
}
