package io.chorus.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class real infrastructure, started once per JVM and isolated per test class
 * (own database, Redis key prefix, topic names, Mongo database):
 *
 * <pre>{@code
 * @SpringBootTest
 * @ChorusInfrastructure({Infra.MARIADB, Infra.KAFKA})
 * class OutboxRelayIntegrationTests { ... }
 * }</pre>
 *
 * <p>In a Spring test the matching properties are registered for the class's context (see the
 * testkit README for the list); explicit test properties still win. In a plain JUnit test, or
 * for topic names in a Spring test, take a {@link TestNamespace} parameter in a test,
 * lifecycle method or constructor.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ChorusInfrastructureExtension.class)
public @interface ChorusInfrastructure {

    /** What to start; everything by default. */
    Infra[] value() default {Infra.MARIADB, Infra.REDIS, Infra.KAFKA, Infra.MONGO};

    /**
     * Pieces (MARIADB, REDIS, MONGO) whose clients connect through the namespace's
     * {@link TestNamespace#faultProxy(Infra) fault proxy}, so the test can take them down or hang them.
     */
    Infra[] faults() default {};
}
