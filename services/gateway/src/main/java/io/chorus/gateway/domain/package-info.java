/**
 * Rules without I/O: access-token verification, passport minting, client address resolution,
 * rate-limit values.
 */
@org.jspecify.annotations.NullMarked
package io.chorus.gateway.domain;
