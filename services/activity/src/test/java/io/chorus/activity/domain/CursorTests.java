package io.chorus.activity.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CursorTests {

	@Test
	void roundTripsTimeAndId() {
		Cursor cursor = new Cursor(Instant.parse("2026-12-06T23:00:00.123Z"), "postlike:p-1:m|2");

		assertThat(Cursor.decode(cursor.encode())).contains(cursor);
	}

	@Test
	void isUrlSafeText() {
		String encoded = new Cursor(Instant.parse("2026-12-06T23:00:00Z"), "comment:???>>>").encode();

		assertThat(encoded).matches("[A-Za-z0-9_-]+");
	}

	@Test
	void rejectsWhatItDidNotProduce() {
		assertThat(Cursor.decode("")).isEmpty();
		assertThat(Cursor.decode("not a cursor!")).isEmpty();
		assertThat(Cursor.decode(b64("no-bar"))).isEmpty();
		assertThat(Cursor.decode(b64("|id"))).isEmpty();
		assertThat(Cursor.decode(b64("123|"))).isEmpty();
		assertThat(Cursor.decode(b64("abc|id"))).isEmpty();
		assertThat(Cursor.decode(b64("-5|id"))).isEmpty();
		assertThat(Cursor.decode("A".repeat(Cursor.MAX_LENGTH + 1))).isEmpty();
	}

	@Test
	void keepsMillisecondPrecision() {
		Instant at = Instant.parse("2026-12-06T23:00:00.999Z");

		assertThat(Cursor.decode(new Cursor(at, "x").encode()).orElseThrow().at()).isEqualTo(at);
	}

	private static String b64(String raw) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

}
