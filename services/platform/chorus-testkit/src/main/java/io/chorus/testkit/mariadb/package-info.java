/**
 * Finding or starting MariaDB (environment, localhost:3306, installed package, Maven-shipped
 * binaries) and creating per-test databases and accounts on it.
 */
@org.jspecify.annotations.NullMarked
package io.chorus.testkit.mariadb;
