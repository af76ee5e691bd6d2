package io.chorus.chat.live;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketTests {

	private static final long SECOND = 1_000_000_000L;

	@Test
	void aBurstIsAllowedThenTheRefillRateHolds() {
		TokenBucket bucket = new TokenBucket(3, 2, 0);
		assertThat(bucket.tryTake(0)).isTrue();
		assertThat(bucket.tryTake(0)).isTrue();
		assertThat(bucket.tryTake(0)).isTrue();
		assertThat(bucket.tryTake(0)).isFalse();
		// 2 per second: one more after half a second, not before
		assertThat(bucket.tryTake(SECOND / 4)).isFalse();
		assertThat(bucket.tryTake(SECOND / 2)).isTrue();
		assertThat(bucket.tryTake(SECOND / 2)).isFalse();
	}

	@Test
	void idleTimeNeverBanksMoreThanTheBurst() {
		TokenBucket bucket = new TokenBucket(2, 10, 0);
		long later = 3600 * SECOND;
		assertThat(bucket.tryTake(later)).isTrue();
		assertThat(bucket.tryTake(later)).isTrue();
		assertThat(bucket.tryTake(later)).isFalse();
	}

}
