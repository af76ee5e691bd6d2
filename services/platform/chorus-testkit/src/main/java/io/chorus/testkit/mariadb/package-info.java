/** Chorus testkit: mariadb. */
@org.jspecify.annotations.NullMarked
package io.chorus.testkit.mariadb;
