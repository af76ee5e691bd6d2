package io.chorus.testkit;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit side of {@link ChorusInfrastructure}: prepares the requested pieces for the test class
 * before its first test (so a missing server fails the class early, not the first test) and
 * resolves {@link TestNamespace} parameters.
 */
public final class ChorusInfrastructureExtension implements BeforeAllCallback, ParameterResolver {

    @Override
    public void beforeAll(ExtensionContext context) {
        TestNamespace.of(context.getRequiredTestClass()).prepare(requested(context.getRequiredTestClass()));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == TestNamespace.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return TestNamespace.of(extensionContext.getRequiredTestClass());
    }

    static Set<Infra> requested(Class<?> testClass) {
        for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
            var found = AnnotationSupport.findAnnotation(type, ChorusInfrastructure.class);
            if (found.isPresent()) {
                Infra[] value = found.get().value();
                return value.length == 0 ? EnumSet.noneOf(Infra.class) : EnumSet.copyOf(List.of(value));
            }
        }
        return EnumSet.noneOf(Infra.class);
    }
}
