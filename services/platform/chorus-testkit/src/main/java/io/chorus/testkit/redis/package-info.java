/** Finding or starting Redis (environment, localhost:6379, installed, Maven-shipped) and a tiny RESP client. */
@org.jspecify.annotations.NullMarked
package io.chorus.testkit.redis;
