/**
 * A tiny service built on the starter, with a functional route and an annotated controller,
 * driven over real HTTP by the {@code *IntegrationTests}.
 */
@NullMarked
package io.chorus.platform.testapp;

import org.jspecify.annotations.NullMarked;
