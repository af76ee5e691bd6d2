package io.chorus.testkit;

import io.chorus.testkit.faults.FaultProxy;
import io.chorus.testkit.internal.Secrets;
import io.chorus.testkit.kafka.KafkaBroker;
import io.chorus.testkit.mariadb.MariaDbDatabase;
import io.chorus.testkit.mongo.MongoWireServer;
import io.chorus.testkit.redis.RedisEndpoint;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * One test class's private slice of the shared infrastructure: its own MariaDB database, Redis
 * key prefix, Kafka topic names and Mongo database, all derived from one {@link #id()} such as
 * {@code outboxrelayintegrat_3f9a1c}. Test classes therefore run in any order in one JVM without
 * seeing each other's data. Resources are created on first use.
 */
public final class TestNamespace {

    private static final ConcurrentMap<Class<?>, TestNamespace> BY_CLASS = new ConcurrentHashMap<>();
    private static final int LABEL_LENGTH = 20;

    private final String id;
    private @Nullable MariaDbDatabase mariaDb;
    private boolean redisPrefixTracked;
    private final Map<Infra, FaultProxy> faultProxies = new ConcurrentHashMap<>();

    private TestNamespace(String id) {
        this.id = id;
    }

    /**
     * The namespace of a test class; inner ({@code @Nested}) classes share their outer class's,
     * as they share its Spring context.
     */
    public static TestNamespace of(Class<?> testClass) {
        return BY_CLASS.computeIfAbsent(owner(testClass), c -> create(c.getSimpleName()));
    }

    /** A new namespace not tied to a class, for tests that need several. */
    public static TestNamespace create(String label) {
        String clean = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (clean.isEmpty()) {
            clean = "t";
        }
        return new TestNamespace(clean.substring(0, Math.min(LABEL_LENGTH, clean.length())) + "_" + Secrets.hex(3));
    }

    static Class<?> owner(Class<?> testClass) {
        Class<?> type = testClass;
        while (type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers())) {
            type = type.getEnclosingClass();
        }
        return type;
    }

    /** Lower-case letters, digits and one underscore; valid as a database, topic and key fragment. */
    public String id() {
        return id;
    }

    /** This namespace's MariaDB database (created on first call), with its account. */
    public synchronized MariaDbDatabase mariaDb() {
        if (mariaDb == null) {
            mariaDb = TestInfrastructure.mariaDbDatabases().create(id);
        }
        return mariaDb;
    }

    public RedisEndpoint redis() {
        return TestInfrastructure.redis();
    }

    /** {@code <id>:}, the value of {@code chorus.redis.key-prefix}. */
    public synchronized String redisKeyPrefix() {
        String prefix = id + ":";
        if (!redisPrefixTracked) {
            TestInfrastructure.trackRedisPrefix(prefix);
            redisPrefixTracked = true;
        }
        return prefix;
    }

    public KafkaBroker kafka() {
        return TestInfrastructure.kafka();
    }

    /** This namespace's name for a topic: {@code <name>.<id>}, e.g. {@code posts.outboxrelayintegrat_3f9a1c}. */
    public String topic(String name) {
        return name + "." + id;
    }

    /** Creates {@link #topic(String) this namespace's} topic with {@code partitions} partitions and returns its name. */
    public String createTopic(String name, int partitions) {
        String topic = topic(name);
        kafka().createTopics(partitions, topic);
        return topic;
    }

    public MongoWireServer mongo() {
        return TestInfrastructure.mongo();
    }

    /** This namespace's Mongo database name (the wire server creates it on first write). */
    public String mongoDatabase() {
        return id;
    }

    /** {@code mongodb://127.0.0.1:port/<id>}, the value of {@code spring.mongodb.uri}. */
    public String mongoUri() {
        return mongo().uri(mongoDatabase());
    }

    /** Starts what {@code infra} names and creates this namespace's pieces on it. */
    public void prepare(Set<Infra> infra) {
        springProperties(infra);
    }

    /**
     * The Spring properties for {@code infra}, as {@code @ChorusInfrastructure} registers them;
     * also {@code chorus.testkit.namespace} = {@link #id()} for use in placeholders such as
     * {@code chorus.content.topic=posts.${chorus.testkit.namespace}}.
     */
    public Map<String, String> springProperties(Set<Infra> infra) {
        return springProperties(infra, Set.of());
    }

    /**
     * As {@link #springProperties(Set)}, with the pieces in {@code faults} reached through this
     * namespace's {@link #faultProxy(Infra)} (R2DBC, Redis and Mongo clients; Flyway goes direct).
     */
    public Map<String, String> springProperties(Set<Infra> infra, Set<Infra> faults) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("chorus.testkit.namespace", id);
        if (infra.contains(Infra.MARIADB)) {
            MariaDbDatabase db = mariaDb();
            props.putAll(db.springProperties());
            if (faults.contains(Infra.MARIADB)) {
                FaultProxy proxy = faultProxy(Infra.MARIADB);
                props.put("spring.r2dbc.url", "r2dbc:mysql://" + proxy.host() + ":" + proxy.port() + "/" + db.name());
            }
        }
        if (infra.contains(Infra.REDIS)) {
            RedisEndpoint redis = redis();
            boolean proxied = faults.contains(Infra.REDIS);
            props.put("spring.data.redis.host", proxied ? faultProxy(Infra.REDIS).host() : redis.host());
            props.put("spring.data.redis.port",
                    Integer.toString(proxied ? faultProxy(Infra.REDIS).port() : redis.port()));
            if (redis.username() != null) {
                props.put("spring.data.redis.username", redis.username());
            }
            if (redis.password() != null) {
                props.put("spring.data.redis.password", redis.password());
            }
            props.put("chorus.redis.key-prefix", redisKeyPrefix());
        }
        if (infra.contains(Infra.KAFKA)) {
            String bootstrap = kafka().bootstrapServers();
            props.put("chorus.kafka.bootstrap-servers", bootstrap);
            props.put("spring.kafka.bootstrap-servers", bootstrap);
        }
        if (infra.contains(Infra.MONGO)) {
            props.put("spring.mongodb.uri", faults.contains(Infra.MONGO)
                    ? "mongodb://" + faultProxy(Infra.MONGO).host() + ":" + faultProxy(Infra.MONGO).port() + "/"
                            + mongoDatabase()
                    : mongoUri());
            // mongo-java-server does not answer Boot's health command the way Boot expects
            props.put("management.health.mongo.enabled", "false");
        }
        return props;
    }

    /**
     * This namespace's TCP proxy in front of MariaDB, Redis or Mongo (created on first use, lives
     * as long as the JVM), for outage tests: {@code down()}, {@code hang()}, {@code up()}. Spring tests get
     * their clients pointed at it with {@code @ChorusInfrastructure(faults = ...)}. Kafka has
     * {@code kafka().stop()/start()} instead (its clients follow the broker's advertised address).
     */
    public FaultProxy faultProxy(Infra piece) {
        return faultProxies.computeIfAbsent(piece, p -> switch (p) {
            case MARIADB -> new FaultProxy(mariaDb().host(), mariaDb().port());
            case REDIS -> new FaultProxy(redis().host(), redis().port());
            case MONGO -> new FaultProxy("127.0.0.1", mongo().port());
            case KAFKA -> throw new IllegalArgumentException("Kafka has no fault proxy: use kafka().stop()/start()");
        });
    }

    @Override
    public String toString() {
        return "TestNamespace[" + id + "]";
    }
}
