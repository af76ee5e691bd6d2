package io.chorus.member.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.chorus.testkit.time.MutableClock;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileCacheTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));

	private final AtomicInteger loads = new AtomicInteger();

	private Mono<Member> load(int followers) {
		return Mono.fromSupplier(() -> {
			this.loads.incrementAndGet();
			return new Member("m-1", "a@b.c", "ada", "Ada", null, null, "hash", List.of("member"), Member.Status.ACTIVE, followers, 0,
					Instant.EPOCH);
		});
	}

	@Test
	void aProfileIsServedFromMemoryForItsTtlThenLoadedAgain() {
		ProfileCache cache = new ProfileCache(100, Duration.ofSeconds(5), this.clock);
		assertThat(cache.get("m-1", load(1)).block().followerCount()).isEqualTo(1);
		this.clock.advance(Duration.ofMillis(4_999));
		assertThat(cache.get("m-1", load(2)).block().followerCount()).as("still the kept one").isEqualTo(1);
		this.clock.advance(Duration.ofMillis(1));
		assertThat(cache.get("m-1", load(3)).block().followerCount()).as("expired: loaded again").isEqualTo(3);
		assertThat(this.loads).hasValue(2);
	}

	@Test
	void aChangeMadeHereIsVisibleAtOnce() {
		ProfileCache cache = new ProfileCache(100, Duration.ofSeconds(5), this.clock);
		cache.get("m-1", load(1)).block();
		cache.invalidate("m-1");
		assertThat(cache.get("m-1", load(2)).block().followerCount()).isEqualTo(2);
	}

	@Test
	void sizeZeroLoadsEveryTime() {
		ProfileCache off = new ProfileCache(0, Duration.ofSeconds(5), this.clock);
		off.get("m-1", load(1)).block();
		off.get("m-1", load(1)).block();
		assertThat(this.loads).hasValue(2);
	}

}
