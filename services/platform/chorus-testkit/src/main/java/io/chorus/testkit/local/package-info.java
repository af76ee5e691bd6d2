/** Long-lived local infrastructure for installer.sh ({@code LocalInfrastructure} main class). */
@org.jspecify.annotations.NullMarked
package io.chorus.testkit.local;
