/**
 * External state the gateway reads and writes: member's JWKS (cached), revocations and token
 * buckets in the gateway's own Redis.
 */
@org.jspecify.annotations.NullMarked
package io.chorus.gateway.store;
