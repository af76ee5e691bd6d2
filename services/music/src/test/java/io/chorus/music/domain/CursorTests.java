package io.chorus.music.domain;

import java.time.Instant;

import io.chorus.platform.web.ProblemException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CursorTests {

	@Test
	void roundTrips() {
		Cursor cursor = new Cursor(Instant.parse("2026-01-02T03:04:05.123456789Z"), "01a24db1-4939-77a3-8fea-efb54ce408fb");

		assertThat(Cursor.decode(cursor.encode())).contains(
				new Cursor(Instant.parse("2026-01-02T03:04:05.123456Z"), "01a24db1-4939-77a3-8fea-efb54ce408fb"));
	}

	@Test
	void tamperedCursorsAreABadRequest() {
		assertThat(Cursor.decode("not base64!")).isEmpty();
		assertThat(Cursor.decode("MTIzfCcgT1IgMT0x")).isEmpty(); // 123|' OR 1=1
		assertThatExceptionOfType(ProblemException.class).isThrownBy(() -> Page.cursor("garbage"));
		assertThat(Page.cursor(null)).isNull();
	}

}
