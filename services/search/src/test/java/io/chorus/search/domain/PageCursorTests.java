package io.chorus.search.domain;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PageCursorTests {

	private final String fingerprint = PageCursor.fingerprint(SearchType.POSTS, List.of("jazz", "night"));

	@Test
	void roundTripsForTheSameQuery() {
		String text = new PageCursor(20, this.fingerprint).encode();

		assertThat(PageCursor.decode(text, this.fingerprint, 500)).contains(new PageCursor(20, this.fingerprint));
	}

	@Test
	void belongsToOneQueryAndType() {
		String text = new PageCursor(20, this.fingerprint).encode();

		assertThat(PageCursor.decode(text, PageCursor.fingerprint(SearchType.POSTS, List.of("jazz")), 500)).isEmpty();
		assertThat(PageCursor.decode(text, PageCursor.fingerprint(SearchType.TRACKS, List.of("jazz", "night")), 500))
			.isEmpty();
	}

	@Test
	void rejectsGarbageAndOffsetsOutsideTheCandidateSet() {
		assertThat(PageCursor.decode("not a cursor", this.fingerprint, 500)).isEmpty();
		assertThat(PageCursor.decode("", this.fingerprint, 500)).isEmpty();
		assertThat(PageCursor.decode(new PageCursor(500, this.fingerprint).encode(), this.fingerprint, 500)).isEmpty();
		assertThat(PageCursor.decode(new PageCursor(0, this.fingerprint).encode(), this.fingerprint, 500)).isEmpty();
	}

}
