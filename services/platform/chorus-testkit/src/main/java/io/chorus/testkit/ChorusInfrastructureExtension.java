package io.chorus.testkit;

import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.springframework.beans.factory.annotation.ParameterResolutionDelegate;
import org.springframework.test.context.junit.jupiter.SpringExtension;
import org.springframework.test.context.support.TestConstructorUtils;

/**
 * JUnit side of {@link ChorusInfrastructure}: prepares the requested pieces for the test class
 * before its first test (so a missing server fails the class early, not the first test) and
 * resolves {@link TestNamespace} parameters. In a Spring test the namespace is also a bean;
 * parameters Spring autowires ({@code @Autowired}, or constructors under
 * {@code @TestConstructor(autowireMode = ALL)}) are left to Spring, so the two never compete.
 */
public final class ChorusInfrastructureExtension implements BeforeAllCallback, ParameterResolver {

    @Override
    public void beforeAll(ExtensionContext context) {
        TestNamespace.of(context.getRequiredTestClass()).prepare(requested(context.getRequiredTestClass()));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == TestNamespace.class
                && !springResolves(parameterContext, extensionContext);
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return TestNamespace.of(extensionContext.getRequiredTestClass());
    }

    private static boolean springResolves(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> testClass = extensionContext.getRequiredTestClass();
        boolean springTest = AnnotationSupport.findRepeatableAnnotations(testClass, ExtendWith.class).stream()
                .anyMatch(e -> List.of(e.value()).contains(SpringExtension.class));
        if (!springTest) {
            return false;
        }
        Parameter parameter = parameterContext.getParameter();
        if (ParameterResolutionDelegate.isAutowirable(parameter, parameterContext.getIndex())) {
            return true;
        }
        return parameter.getDeclaringExecutable() instanceof Constructor<?> constructor
                && TestConstructorUtils.isAutowirableConstructor(constructor,
                        name -> extensionContext.getConfigurationParameter(name).orElse(null));
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
