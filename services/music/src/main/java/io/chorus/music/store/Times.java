package io.chorus.music.store;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

/** DATETIME(6) columns hold UTC; every timestamp comes from the injected Clock, never NOW(). */
public final class Times {

	private Times() {
	}

	public static LocalDateTime toDb(Instant instant) {
		return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
	}

	public static Instant fromDb(LocalDateTime value) {
		return value.toInstant(ZoneOffset.UTC);
	}

	static @Nullable Instant fromDbNullable(@Nullable LocalDateTime value) {
		return (value != null) ? fromDb(value) : null;
	}

}
