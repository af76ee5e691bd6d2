package io.chorus.testkit;

/** A piece of infrastructure a test class can ask for with {@link ChorusInfrastructure}. */
public enum Infra {
    /** MariaDB: a database of its own per test class ({@code spring.r2dbc.*}, {@code spring.flyway.*}). */
    MARIADB,
    /** Redis: a key prefix of its own per test class ({@code spring.data.redis.*}, {@code chorus.redis.key-prefix}). */
    REDIS,
    /** In-JVM KRaft Kafka ({@code chorus.kafka.bootstrap-servers}); topics named per class with {@link TestNamespace#topic}. */
    KAFKA,
    /** In-JVM Mongo wire server: a database of its own per test class ({@code spring.mongodb.uri}). */
    MONGO
}
