package io.chorus.timeline.domain;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PositionTests {

	@Test
	void cursorsRoundTripAndTamperedOnesAreRefused() {
		Position p = new Position(1_796_599_227_372L, "01a24db6-2a0d-7604-8f60-1a2b3c4d5e6f");
		assertThat(Position.decode(p.encode())).contains(p);
		assertThat(Position.decode("not-a-cursor!")).isEmpty();
		assertThat(Position.decode("")).isEmpty();
		assertThat(Position.decode(Position.Cursors.encode("12|bad id"))).isEmpty();
		assertThat(Position.decode(Position.Cursors.encode("-1|abc"))).isEmpty();
		assertThat(Position.decode(Position.Cursors.encode("abc|abc"))).isEmpty();
		assertThat(Position.decode("x".repeat(201))).isEmpty();
		assertThat(Position.decode(new RankPosition(3, "abc").encode())).isEmpty();
	}

	@Test
	void sortKeysOrderLikePositions() {
		List<Position> positions = new ArrayList<>(List.of(new Position(5, "b"), new Position(5, "a"),
				new Position(40, "a"), new Position(1_796_599_227_372L, "0"), new Position(6, "a")));
		List<Position> byKey = new ArrayList<>(positions);
		byKey.sort((x, y) -> y.sortKey().compareTo(x.sortKey()));
		positions.sort(Position.NEWEST_FIRST);
		assertThat(byKey).isEqualTo(positions);
		assertThat(positions.get(0).millis()).isEqualTo(1_796_599_227_372L);
		assertThat(new Position(5, "a").after(new Position(5, "b"))).isTrue();
		assertThat(new Position(5, "b").after(new Position(5, "b"))).isFalse();
	}

	@Test
	void rankCursorsRoundTrip() {
		RankPosition r = new RankPosition(120, "post-1");
		assertThat(RankPosition.decode(r.encode())).contains(r);
		assertThat(RankPosition.decode(new Position(1, "a").encode())).isEmpty();
		assertThat(RankPosition.decode(Position.Cursors.encode("r12|bad id"))).isEmpty();
	}

	@Test
	void windowsAreWholeBuckets() {
		assertThat(Window.of("1h")).contains(Window.HOUR);
		assertThat(Window.of("2h")).isEmpty();
		assertThat(Window.HOUR.buckets()).isEqualTo(12);
		assertThat(Window.DAY.buckets()).isEqualTo(288);
		assertThat(Window.WEEK.buckets()).isEqualTo(2016);
		assertThat(Window.bucketOf(299_999)).isZero();
		assertThat(Window.bucketOf(300_000)).isOne();
	}

}
