package io.chorus.music.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RangesTests {

	private static final String ETAG = "\"t-1000\"";

	private static Ranges.Decision decide(String range) {
		return Ranges.decide(range, null, ETAG, 1000);
	}

	@Test
	void noRangeIsFull() {
		assertThat(decide(null)).isInstanceOf(Ranges.Full.class);
	}

	@Test
	void singleRanges() {
		assertThat(decide("bytes=0-0")).isEqualTo(new Ranges.Partial(0, 0));
		assertThat(decide("bytes=999-999")).isEqualTo(new Ranges.Partial(999, 999));
		assertThat(decide("bytes=10-2000")).isEqualTo(new Ranges.Partial(10, 999));
		assertThat(decide("bytes=100-")).isEqualTo(new Ranges.Partial(100, 999));
		assertThat(decide("bytes=-500")).isEqualTo(new Ranges.Partial(500, 999));
		assertThat(decide("bytes=-5000")).isEqualTo(new Ranges.Partial(0, 999));
		assertThat(decide("BYTES = 5-6")).isEqualTo(new Ranges.Partial(5, 6));
		assertThat(decide("bytes=5-99999999999999999999999")).isEqualTo(new Ranges.Partial(5, 999));
	}

	@Test
	void unsatisfiable() {
		assertThat(decide("bytes=1000-")).isInstanceOf(Ranges.Unsatisfiable.class);
		assertThat(decide("bytes=1000-1001")).isInstanceOf(Ranges.Unsatisfiable.class);
		assertThat(decide("bytes=-0")).isInstanceOf(Ranges.Unsatisfiable.class);
		assertThat(decide("bytes=99999999999999999999999-")).isInstanceOf(Ranges.Unsatisfiable.class);
		assertThat(Ranges.decide("bytes=0-", null, ETAG, 0)).isInstanceOf(Ranges.Unsatisfiable.class);
	}

	@Test
	void invalidOrMultipleRangesAreIgnored() {
		for (String range : new String[] { "bytes=5-1", "bytes=a-b", "items=0-1", "bytes=", "bytes=--1", "bytes=1",
				"bytes=0-1,5-6", "bytes=-1-2" }) {
			assertThat(decide(range)).as(range).isInstanceOf(Ranges.Full.class);
		}
	}

	@Test
	void ifRangeMustMatchTheEtagExactly() {
		assertThat(Ranges.decide("bytes=0-1", ETAG, ETAG, 1000)).isEqualTo(new Ranges.Partial(0, 1));
		assertThat(Ranges.decide("bytes=0-1", "\"other\"", ETAG, 1000)).isInstanceOf(Ranges.Full.class);
		assertThat(Ranges.decide("bytes=0-1", "W/" + ETAG, ETAG, 1000)).isInstanceOf(Ranges.Full.class);
		assertThat(Ranges.decide("bytes=0-1", "Wed, 21 Oct 2015 07:28:00 GMT", ETAG, 1000))
			.isInstanceOf(Ranges.Full.class);
	}

	@Test
	void ifNoneMatchUsesWeakComparison() {
		assertThat(Ranges.noneMatchHits(ETAG, ETAG)).isTrue();
		assertThat(Ranges.noneMatchHits("W/" + ETAG, ETAG)).isTrue();
		assertThat(Ranges.noneMatchHits("\"a\", " + ETAG, ETAG)).isTrue();
		assertThat(Ranges.noneMatchHits("*", ETAG)).isTrue();
		assertThat(Ranges.noneMatchHits("\"a\"", ETAG)).isFalse();
		assertThat(Ranges.noneMatchHits(null, ETAG)).isFalse();
	}

}
