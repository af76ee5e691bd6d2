package io.chorus.testkit.mariadb;

import io.chorus.testkit.internal.Secrets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates databases on one server for one JVM. All of them are used through one account,
 * {@code chorus_<random>}, created on first use with a random password and granted each
 * database as it is created: unique per JVM so parallel builds sharing a server never reset
 * each other's password. On a shared server, {@link #dropAll()} removes what we created.
 */
public final class MariaDbDatabases {

    private static final Logger log = LoggerFactory.getLogger(MariaDbDatabases.class);

    private final MariaDbServer server;
    private final List<String> created = new ArrayList<>();
    private String user;
    private String password;
    private boolean userCreated;

    public MariaDbDatabases(MariaDbServer server) {
        this.server = server;
        this.user = "chorus_" + Secrets.hex(4);
        this.password = Secrets.password();
    }

    public MariaDbServer server() {
        return server;
    }

    /** Creates {@code name} (utf8mb4) and grants it to this JVM's test account. */
    public synchronized MariaDbDatabase create(String name) {
        String db = MariaDbAdmin.identifier(name);
        MariaDbAdmin.execute(server, "CREATE DATABASE " + db + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        created.add(name);
        ensureUser();
        if (userCreated) {
            MariaDbAdmin.execute(server, "GRANT ALL PRIVILEGES ON " + db + ".* TO " + account());
        }
        return new MariaDbDatabase(server.host(), server.port(), name, user, password);
    }

    private void ensureUser() {
        if (userCreated || user.equals(server.adminUser())) {
            return;
        }
        try {
            MariaDbAdmin.execute(server, "CREATE USER " + account() + " IDENTIFIED BY " + MariaDbAdmin.literal(password));
            userCreated = true;
        } catch (IllegalStateException e) {
            // e.g. CHORUS_MARIADB_URL names an account without CREATE USER: use that account
            log.warn("Cannot create a test account on {} ({}); tests use {} directly", server, e.getMessage(),
                    server.adminUser());
            user = server.adminUser();
            password = server.adminPassword();
        }
    }

    private String account() {
        return MariaDbAdmin.literal(user) + "@" + MariaDbAdmin.literal("%");
    }

    /** Drops every database and the account this instance created (for shared servers). */
    public synchronized void dropAll() {
        for (String name : created) {
            MariaDbAdmin.execute(server, "DROP DATABASE IF EXISTS " + MariaDbAdmin.identifier(name));
        }
        if (userCreated) {
            MariaDbAdmin.execute(server, "DROP USER IF EXISTS " + account());
        }
        created.clear();
    }
}
