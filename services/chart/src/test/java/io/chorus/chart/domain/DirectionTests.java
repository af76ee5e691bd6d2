package io.chorus.chart.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DirectionTests {

	@Test
	void deltaComparesRanks() {
		assertThat(Direction.delta(1, 4)).isEqualTo(new Direction.Delta(Direction.UP, 3, 4));
		assertThat(Direction.delta(5, 2)).isEqualTo(new Direction.Delta(Direction.DOWN, 3, 2));
		assertThat(Direction.delta(3, 3)).isEqualTo(new Direction.Delta(Direction.SAME, 0, 3));
		assertThat(Direction.delta(7, null)).isEqualTo(new Direction.Delta(Direction.NEW, 0, null));
	}

}
