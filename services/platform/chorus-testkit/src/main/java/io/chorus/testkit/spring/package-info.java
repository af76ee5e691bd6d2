/** Spring TestContext integration: registers a test class's infrastructure properties. */
@org.jspecify.annotations.NullMarked
package io.chorus.testkit.spring;
