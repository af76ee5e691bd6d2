/**
 * The Chorus gateway: the only public entry point.
 */
@org.jspecify.annotations.NullMarked
package io.chorus.gateway;
