package io.chorus.platform.sql;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

/**
 * Instants in MySQL/MariaDB {@code DATETIME(6)} columns: always UTC, at microsecond precision
 * (what the column keeps), so a value read back equals the value written. Every timestamp comes
 * from the service's injected {@code Clock}, never from {@code NOW()}.
 */
public final class SqlTimes {

	private SqlTimes() {
	}

	public static LocalDateTime toDb(Instant instant) {
		return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
	}

	public static Instant fromDb(LocalDateTime value) {
		return value.toInstant(ZoneOffset.UTC);
	}

	public static @Nullable Instant fromDbNullable(@Nullable LocalDateTime value) {
		return (value != null) ? fromDb(value) : null;
	}

}
