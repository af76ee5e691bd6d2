package io.chorus.activity.api;

import java.time.Instant;

import io.chorus.activity.domain.Cursor;
import io.chorus.platform.web.ProblemException;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.reactive.function.server.MockServerRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LimitsTests {

	@Test
	void defaultsToTwentyAndAcceptsOneToHundred() {
		assertThat(Limits.limit(MockServerRequest.builder().build())).isEqualTo(20);
		assertThat(Limits.limit(MockServerRequest.builder().queryParam("limit", "1").build())).isEqualTo(1);
		assertThat(Limits.limit(MockServerRequest.builder().queryParam("limit", "100").build())).isEqualTo(100);
	}

	@Test
	void outOfRangeOrNonNumericLimitsAreFieldErrors() {
		for (String bad : new String[] { "0", "101", "-1", "ten", "1.5" }) {
			assertThatThrownBy(() -> Limits.limit(MockServerRequest.builder().queryParam("limit", bad).build()))
				.isInstanceOfSatisfying(ProblemException.class, ex -> {
					assertThat(ex.status().value()).isEqualTo(400);
					assertThat(ex.errors()).singleElement().satisfies(e -> assertThat(e.field()).isEqualTo("limit"));
				});
		}
	}

	@Test
	void aCursorFromThisServiceIsDecodedAndAnythingElseIsAFieldError() {
		Cursor cursor = new Cursor(Instant.parse("2026-12-06T23:00:00Z"), "post:p1");

		assertThat(Limits.cursor(MockServerRequest.builder().queryParam("cursor", cursor.encode()).build()))
			.isEqualTo(cursor);
		assertThat(Limits.cursor(MockServerRequest.builder().build())).isNull();
		assertThatThrownBy(() -> Limits.cursor(MockServerRequest.builder().queryParam("cursor", "%%%").build()))
			.isInstanceOfSatisfying(ProblemException.class,
					ex -> assertThat(ex.errors()).singleElement().satisfies(e -> assertThat(e.field()).isEqualTo("cursor")));
	}

}
