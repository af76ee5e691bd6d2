package io.chorus.testkit.mariadb;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One database for one test class, with an account that may use only it (plus the server's
 * own system schemas).
 *
 * @param host server host
 * @param port server port
 * @param name database name
 * @param username account for the services under test
 * @param password its password (random per JVM)
 */
public record MariaDbDatabase(String host, int port, String name, String username, String password) {

    /** {@code r2dbc:mysql://host:port/name} for io.asyncer r2dbc-mysql. */
    public String r2dbcUrl() {
        return "r2dbc:mysql://" + host + ":" + port + "/" + name;
    }

    /** {@code jdbc:mariadb://host:port/name} for Flyway and plain JDBC. */
    public String jdbcUrl() {
        return "jdbc:mariadb://" + host + ":" + port + "/" + name;
    }

    /** The Spring properties a Chorus service reads for its relational store. */
    public Map<String, String> springProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("spring.r2dbc.url", r2dbcUrl());
        props.put("spring.r2dbc.username", username);
        props.put("spring.r2dbc.password", password);
        props.put("spring.flyway.url", jdbcUrl());
        props.put("spring.flyway.user", username);
        props.put("spring.flyway.password", password);
        return props;
    }

    @Override
    public String toString() {
        return "MariaDbDatabase[" + jdbcUrl() + ", user=" + username + "]";
    }
}
