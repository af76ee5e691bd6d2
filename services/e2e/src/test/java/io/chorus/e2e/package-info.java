/** End-to-end tests: Chorus deployables in one JVM, driven through the gateway over HTTP. */
@NullMarked
package io.chorus.e2e;

import org.jspecify.annotations.NullMarked;
