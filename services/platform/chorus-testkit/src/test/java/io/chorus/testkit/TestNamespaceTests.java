package io.chorus.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestNamespaceTests {

    static class StaticHelper {
    }

    class Inner {
    }

    @Test
    void idsAreShortLowerCaseAndUnique() {
        TestNamespace a = TestNamespace.create("Outbox-Relay IntegrationTests (with $tuff)");
        TestNamespace b = TestNamespace.create("Outbox-Relay IntegrationTests (with $tuff)");

        assertThat(a.id()).matches("outboxrelayintegrati_[0-9a-f]{6}");
        assertThat(a.id()).isNotEqualTo(b.id());
        assertThat(TestNamespace.create("$$$").id()).matches("t_[0-9a-f]{6}");
    }

    @Test
    void everyResourceNameDerivesFromTheId() {
        TestNamespace ns = TestNamespace.create("x");

        assertThat(ns.topic("posts")).isEqualTo("posts." + ns.id());
        assertThat(ns.mongoDatabase()).isEqualTo(ns.id());
    }

    @Test
    void oneNamespacePerClassWithInnerClassesSharingTheirOuterOne() {
        assertThat(TestNamespace.of(TestNamespaceTests.class)).isSameAs(TestNamespace.of(TestNamespaceTests.class));
        assertThat(TestNamespace.of(Inner.class)).isSameAs(TestNamespace.of(TestNamespaceTests.class));
        assertThat(TestNamespace.of(StaticHelper.class)).isNotSameAs(TestNamespace.of(TestNamespaceTests.class));
    }
}
