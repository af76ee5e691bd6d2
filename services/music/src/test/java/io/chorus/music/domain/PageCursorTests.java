package io.chorus.music.domain;

import java.time.Instant;

import io.chorus.platform.web.KeysetCursor;
import io.chorus.platform.web.ProblemException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PageCursorTests {

	@Test
	void roundTrips() {
		KeysetCursor cursor = new KeysetCursor(Instant.parse("2026-01-02T03:04:05.123456789Z"), "01a24db1-4939-77a3-8fea-efb54ce408fb");

		assertThat(KeysetCursor.decode(cursor.encode(), Page.ID)).contains(
				new KeysetCursor(Instant.parse("2026-01-02T03:04:05.123456Z"), "01a24db1-4939-77a3-8fea-efb54ce408fb"));
	}

	@Test
	void tamperedCursorsAreABadRequest() {
		assertThat(KeysetCursor.decode("not base64!", Page.ID)).isEmpty();
		assertThat(KeysetCursor.decode("MTIzfCcgT1IgMT0x", Page.ID)).isEmpty(); // 123|' OR 1=1
		assertThatExceptionOfType(ProblemException.class).isThrownBy(() -> Page.cursor("garbage"));
		assertThat(Page.cursor(null)).isNull();
	}

}
