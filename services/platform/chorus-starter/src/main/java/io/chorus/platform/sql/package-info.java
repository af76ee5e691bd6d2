/** Helpers for the services' SQL stores. */
@NullMarked
package io.chorus.platform.sql;

import org.jspecify.annotations.NullMarked;
