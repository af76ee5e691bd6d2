package io.chorus.testkit.mariadb;

/**
 * A reachable MariaDB server and an account allowed to create databases and users on it.
 *
 * @param host host name or address clients connect to
 * @param port TCP port
 * @param adminUser account with CREATE / GRANT privileges
 * @param adminPassword its password (may be empty)
 * @param source where the server came from
 */
public record MariaDbServer(String host, int port, String adminUser, String adminPassword, MariaDbSource source) {

    /** JDBC URL without a database, for administration. */
    public String adminJdbcUrl() {
        return "jdbc:mariadb://" + host + ":" + port + "/";
    }

    /** {@code mysql://user:password@host:port}, the form {@code CHORUS_MARIADB_URL} takes. */
    public String url() {
        return MariaDbUrl.format(adminUser, adminPassword, host, port);
    }

    @Override
    public String toString() {
        return "MariaDbServer[" + host + ":" + port + ", user=" + adminUser + ", source=" + source + "]";
    }
}
