package io.chorus.platform.cache;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExpiringCacheTests {

	private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	@Test
	void anEntryIsServedBeforeItsExpiryAndNeverAtOrAfterIt() {
		ExpiringCache<String, String> cache = new ExpiringCache<>(10);
		cache.put("k", "v", NOW.plusSeconds(10), NOW);
		assertThat(cache.get("k", NOW.plusMillis(9_999))).isEqualTo("v");
		assertThat(cache.get("k", NOW.plusSeconds(10))).isNull();
		assertThat(cache.size()).isZero();
	}

	@Test
	void aValueAlreadyExpiredIsNotKept() {
		ExpiringCache<String, String> cache = new ExpiringCache<>(10);
		cache.put("k", "v", NOW, NOW);
		assertThat(cache.size()).isZero();
	}

	@Test
	void neverHoldsMoreThanItsBoundAndEvictsExpiredEntriesFirst() {
		ExpiringCache<Integer, Integer> cache = new ExpiringCache<>(100);
		cache.put(-1, -1, NOW.plus(Duration.ofHours(1)), NOW);
		for (int i = 0; i < 99; i++) {
			cache.put(i, i, NOW.plusSeconds(1), NOW);
		}
		Instant later = NOW.plusSeconds(2);
		for (int i = 100; i < 1_100; i++) {
			cache.put(i, i, later.plusSeconds(60), later);
			assertThat(cache.size()).isLessThanOrEqualTo(100);
		}
		assertThat(cache.get(5, later)).as("expired, swept").isNull();
	}

	@Test
	void invalidateRemovesOneEntry() {
		ExpiringCache<String, String> cache = new ExpiringCache<>(10);
		cache.put("a", "1", NOW.plusSeconds(5), NOW);
		cache.put("b", "2", NOW.plusSeconds(5), NOW);
		cache.invalidate("a");
		assertThat(cache.get("a", NOW)).isNull();
		assertThat(cache.get("b", NOW)).isEqualTo("2");
	}

}
