/**
 * Wiring and the chorus.gateway.* properties; the route table.
 */
@org.jspecify.annotations.NullMarked
package io.chorus.gateway.config;
