/**
 * Internal identity: verifies the gateway-minted {@code X-Passport} and carries the principal in the Reactor context.
 */
@NullMarked
package io.chorus.platform.passport;

import org.jspecify.annotations.NullMarked;
