package io.chorus.testkit.mariadb;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** Blocking JDBC administration (test and launcher threads only, never an event loop). */
final class MariaDbAdmin {

    private MariaDbAdmin() {
    }

    static Connection connect(MariaDbServer server, int connectTimeoutMillis) throws SQLException {
        var props = new Properties();
        props.setProperty("user", server.adminUser());
        props.setProperty("password", server.adminPassword());
        props.setProperty("connectTimeout", Integer.toString(connectTimeoutMillis));
        return DriverManager.getConnection(server.adminJdbcUrl(), props);
    }

    static boolean canLogIn(MariaDbServer server, int connectTimeoutMillis) {
        try (Connection ignored = connect(server, connectTimeoutMillis)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    static void execute(MariaDbServer server, String... statements) {
        try (Connection connection = connect(server, 5_000); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB admin statement failed on " + server + ": " + e.getMessage(), e);
        }
    }

    /** Back-quotes an identifier we generated ([a-z0-9_] only, checked). */
    static String identifier(String name) {
        if (!name.matches("[A-Za-z0-9_]{1,64}")) {
            throw new IllegalArgumentException("Unexpected identifier: " + name);
        }
        return "`" + name + "`";
    }

    /** Single-quotes a string literal we generated (hex passwords, checked). */
    static String literal(String value) {
        if (!value.matches("[A-Za-z0-9_%.]*")) {
            throw new IllegalArgumentException("Unexpected literal");
        }
        return "'" + value + "'";
    }
}
