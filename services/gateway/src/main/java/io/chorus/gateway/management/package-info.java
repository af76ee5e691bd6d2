/**
 * What the management port serves besides actuator: the public passport JWK set.
 */
@org.jspecify.annotations.NullMarked
package io.chorus.gateway.management;
