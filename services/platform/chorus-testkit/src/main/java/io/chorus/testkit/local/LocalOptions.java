package io.chorus.testkit.local;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Command-line options of {@link LocalInfrastructure}.
 *
 * @param dataDir everything persistent lives below it ({@code mariadb/}, {@code kafka/}) plus {@code endpoints.env}
 * @param mariaDbPort MariaDB port (default 3307, so a system MariaDB on 3306 is left alone)
 * @param redisPort Redis port (default 6380)
 * @param kafkaPort Kafka broker port (default 9092)
 * @param kafkaControllerPort KRaft controller port (default 9093)
 * @param mongoPort Mongo wire server port (default 27018)
 * @param databases MariaDB databases to create if missing (default: the services that own one)
 */
public record LocalOptions(Path dataDir, int mariaDbPort, int redisPort, int kafkaPort, int kafkaControllerPort,
        int mongoPort, List<String> databases) {

    static final String USAGE = """
            Usage: LocalInfrastructure --data-dir DIR [--mariadb-port 3307] [--redis-port 6380]
                   [--kafka-port 9092] [--kafka-controller-port 9093] [--mongo-port 27018]
                   [--databases member,content,music]
            Reuses MariaDB/Redis named by CHORUS_MARIADB_URL / CHORUS_REDIS_URL; starts the rest.
            Prints KEY=value lines and writes them to DIR/endpoints.env; stops cleanly on SIGTERM.""";

    public static LocalOptions defaults(Path dataDir) {
        return new LocalOptions(dataDir.toAbsolutePath(), 3307, 6380, 9092, 9093, 27018,
                List.of("member", "content", "music"));
    }

    public static LocalOptions parse(String... args) {
        LocalOptions d = defaults(Path.of("."));
        Path dataDir = null;
        int mariaDb = d.mariaDbPort;
        int redis = d.redisPort;
        int kafka = d.kafkaPort;
        int controller = d.kafkaControllerPort;
        int mongo = d.mongoPort;
        List<String> databases = d.databases;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Missing value for " + flag + "\n" + USAGE);
            }
            String value = args[++i];
            switch (flag) {
                case "--data-dir" -> dataDir = Path.of(value).toAbsolutePath().normalize();
                case "--mariadb-port" -> mariaDb = port(value);
                case "--redis-port" -> redis = port(value);
                case "--kafka-port" -> kafka = port(value);
                case "--kafka-controller-port" -> controller = port(value);
                case "--mongo-port" -> mongo = port(value);
                case "--databases" -> databases = Stream.of(value.split(",")).map(String::strip)
                        .filter(s -> !s.isEmpty()).toList();
                default -> throw new IllegalArgumentException("Unknown option " + flag + "\n" + USAGE);
            }
        }
        if (dataDir == null) {
            throw new IllegalArgumentException("--data-dir is required\n" + USAGE);
        }
        for (String db : databases) {
            if (!db.matches("[A-Za-z0-9_]{1,64}")) {
                throw new IllegalArgumentException("Invalid database name: " + db);
            }
        }
        return new LocalOptions(dataDir, mariaDb, redis, kafka, controller, mongo, databases);
    }

    private static int port(String value) {
        int port = Integer.parseInt(value);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Not a port: " + value);
        }
        return port;
    }
}
