package io.chorus.testkit.spring;

import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import java.util.EnumSet;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Registered in {@code META-INF/spring.factories}: for a test class annotated with
 * {@link ChorusInfrastructure}, starts what it asks for and registers that class's
 * {@link TestNamespace} properties in its application context.
 */
public final class ChorusInfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        ChorusInfrastructure annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
                ChorusInfrastructure.class);
        if (annotation == null) {
            return null;
        }
        EnumSet<Infra> infra = EnumSet.noneOf(Infra.class);
        infra.addAll(List.of(annotation.value()));
        EnumSet<Infra> faults = EnumSet.noneOf(Infra.class);
        faults.addAll(List.of(annotation.faults()));
        return new ChorusInfrastructureContextCustomizer(testClass, infra, faults);
    }
}
