/**
 * Data-store failure behaviour shared by every service: timeouts below the gateway's, and one
 * definition of "the store is unavailable" (503 for requests, wait-and-retry for consumers).
 */
@NullMarked
package io.chorus.platform.stores;

import org.jspecify.annotations.NullMarked;
