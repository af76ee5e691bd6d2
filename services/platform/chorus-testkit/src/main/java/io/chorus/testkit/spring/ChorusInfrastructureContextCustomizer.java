package io.chorus.testkit.spring;

import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Adds one test class's infrastructure properties. Equality includes the class (via its
 * namespace), so every test class gets a context of its own, pointing at its own database,
 * key prefix and Mongo database.
 */
final class ChorusInfrastructureContextCustomizer implements ContextCustomizer {

    static final String PROPERTY_SOURCE_NAME = "chorusTestInfrastructure";
    static final String BEAN_NAME = "chorusTestNamespace";
    /** Spring's name for {@code @SpringBootTest(properties = ...)} / {@code @TestPropertySource(properties = ...)}. */
    private static final String INLINED_TEST_PROPERTIES = "Inlined Test Properties";

    private final TestNamespace namespace;
    private final Set<Infra> infra;
    private final Set<Infra> faults;

    ChorusInfrastructureContextCustomizer(Class<?> testClass, Set<Infra> infra, Set<Infra> faults) {
        this.namespace = TestNamespace.of(testClass);
        this.infra = Set.copyOf(infra);
        this.faults = Set.copyOf(faults);
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        Map<String, Object> properties = new HashMap<>(namespace.springProperties(infra, faults));
        var source = new MapPropertySource(PROPERTY_SOURCE_NAME, properties);
        MutablePropertySources sources = context.getEnvironment().getPropertySources();
        // explicit test properties win over ours; ours win over application.yml
        if (sources.contains(INLINED_TEST_PROPERTIES)) {
            sources.addAfter(INLINED_TEST_PROPERTIES, source);
        } else {
            sources.addFirst(source);
        }
        // lets Spring autowire the namespace too (e.g. constructors under @TestConstructor(ALL))
        context.getBeanFactory().registerSingleton(BEAN_NAME, namespace);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof ChorusInfrastructureContextCustomizer that
                && namespace == that.namespace && infra.equals(that.infra)
                && faults.equals(that.faults);
    }

    @Override
    public int hashCode() {
        return Objects.hash(namespace.id(), infra, faults);
    }
}
