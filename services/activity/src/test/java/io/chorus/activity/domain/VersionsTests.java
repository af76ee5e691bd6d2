package io.chorus.activity.domain;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VersionsTests {

	@Test
	void laterEventsHaveGreaterVersions() {
		String earlier = Versions.of(Instant.ofEpochMilli(999), "0190-b");
		String later = Versions.of(Instant.ofEpochMilli(1000), "0190-a");

		assertThat(later).isGreaterThan(earlier);
	}

	@Test
	void theEventIdBreaksTiesWithinAMillisecond() {
		Instant at = Instant.parse("2026-12-06T23:00:00Z");

		assertThat(Versions.of(at, "01970000-0000-7000-8000-000000000002"))
			.isGreaterThan(Versions.of(at, "01970000-0000-7000-8000-000000000001"));
	}

	@Test
	void theSameEventHasTheSameVersion() {
		Instant at = Instant.parse("2026-12-06T23:00:00Z");

		assertThat(Versions.of(at, "e-1")).isEqualTo(Versions.of(at, "e-1"));
	}

}
