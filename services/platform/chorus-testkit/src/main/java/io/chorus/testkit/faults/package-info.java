/** Outage injection for tests: TCP proxies that can refuse or hang a server's connections. */
@NullMarked
package io.chorus.testkit.faults;

import org.jspecify.annotations.NullMarked;
