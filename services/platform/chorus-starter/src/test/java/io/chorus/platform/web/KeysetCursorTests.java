package io.chorus.platform.web;

import java.time.Instant;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeysetCursorTests {

	private static final Predicate<String> UUID = Pattern.compile("[0-9a-f-]{36}").asMatchPredicate();

	@Test
	void roundTripsAtMicrosecondPrecision() {
		KeysetCursor cursor = new KeysetCursor(Instant.parse("2026-11-22T10:15:30.123456789Z"),
				"0190a7e2-3b4c-7d5e-8f60-1a2b3c4d5e6f");
		KeysetCursor back = KeysetCursor.decode(cursor.encode(), UUID).orElseThrow();
		assertThat(back.createdAt()).isEqualTo(Instant.parse("2026-11-22T10:15:30.123456Z"));
		assertThat(back).isEqualTo(cursor);
		assertThat(cursor.encode()).doesNotContain("|", "=", "+", "/");
	}

	@Test
	void rejectsAnythingElse() {
		assertThat(KeysetCursor.decode("", UUID)).isEmpty();
		assertThat(KeysetCursor.decode("%%%", UUID)).isEmpty();
		assertThat(KeysetCursor.decode("not base64!", UUID)).isEmpty();
		assertThat(KeysetCursor.decode("MTIzNA", UUID)).isEmpty(); // "1234": no separator
		assertThat(KeysetCursor.decode("MTIzfCcgT1IgMT0x", UUID)).isEmpty(); // 123|' OR 1=1
		assertThat(KeysetCursor.decode("LTF8MDE5MGE3ZTItM2I0Yy03ZDVlLThmNjAtMWEyYjNjNGQ1ZTZm", UUID)).isEmpty(); // -1|uuid
		assertThat(KeysetCursor.decode("x".repeat(500), UUID)).isEmpty();
	}

	@Test
	void theServiceDecidesWhichIdsAreItsOwn() {
		String text = new KeysetCursor(Instant.EPOCH, "0190a7e2-3b4c-7d5e-8f60-1a2b3c4d5e6f").encode();
		assertThat(KeysetCursor.decode(text, (id) -> false)).isEmpty();
		assertThat(KeysetCursor.decode(text, UUID)).isPresent();
	}

}
