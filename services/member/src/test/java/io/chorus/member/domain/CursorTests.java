package io.chorus.member.domain;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CursorTests {

	@Test
	void roundTripsAtMicrosecondPrecision() {
		Cursor cursor = new Cursor(Instant.parse("2026-11-22T10:15:30.123456789Z"), "0190a7e2-3b4c-7d5e-8f60-1a2b3c4d5e6f");
		Cursor back = Cursor.decode(cursor.encode()).orElseThrow();
		assertThat(back.createdAt()).isEqualTo(Instant.parse("2026-11-22T10:15:30.123456Z"));
		assertThat(back.id()).isEqualTo(cursor.id());
		assertThat(cursor.encode()).doesNotContain("|", "=", "+", "/");
	}

	@Test
	void rejectsAnythingElse() {
		assertThat(Cursor.decode("")).isEmpty();
		assertThat(Cursor.decode("%%%")).isEmpty();
		assertThat(Cursor.decode("MTIzNA")).isEmpty();
		assertThat(Cursor.decode("LTF8MDE5MGE3ZTItM2I0Yy03ZDVlLThmNjAtMWEyYjNjNGQ1ZTZm")).isEmpty();
		assertThat(Cursor.decode("x".repeat(500))).isEmpty();
	}

}
