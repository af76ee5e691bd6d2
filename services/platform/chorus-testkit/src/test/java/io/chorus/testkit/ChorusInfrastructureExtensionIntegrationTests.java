package io.chorus.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.testkit.blockhound.BlockHoundProbe;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The plain-JUnit way: no Spring, a {@link TestNamespace} parameter. */
@ChorusInfrastructure({Infra.REDIS, Infra.MONGO})
class ChorusInfrastructureExtensionIntegrationTests {

    private static TestNamespace fromBeforeAll;

    @BeforeAll
    static void capture(TestNamespace namespace) {
        fromBeforeAll = namespace;
    }

    @Test
    void resolvesOneNamespacePerTestClass(TestNamespace namespace) {
        assertThat(namespace).isSameAs(fromBeforeAll).isSameAs(TestNamespace.of(getClass()));
        assertThat(namespace.id()).startsWith("chorusinfrastructure_").matches("[a-z0-9]+_[0-9a-f]{6}");
    }

    @Test
    void exposesSpringPropertiesForTheRequestedPiecesOnly(TestNamespace namespace) {
        assertThat(namespace.springProperties(ChorusInfrastructureExtension.requested(getClass())))
                .containsKeys("spring.data.redis.host", "chorus.redis.key-prefix", "spring.mongodb.uri")
                .doesNotContainKeys("spring.r2dbc.url", "chorus.kafka.bootstrap-servers");
    }

    @Test
    void blockHoundIsActiveInTheIntegrationTestJvmToo() {
        BlockHoundProbe.assertInstalled();
    }

    @Nested
    class Inner {
        @Test
        void nestedClassesShareTheOuterNamespace(TestNamespace namespace) {
            assertThat(namespace).isSameAs(fromBeforeAll);
        }
    }
}
