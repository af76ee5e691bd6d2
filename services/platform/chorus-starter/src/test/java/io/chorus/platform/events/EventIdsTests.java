package io.chorus.platform.events;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EventIdsTests {

	@Test
	void isAVersion7RfcVariantUuidCarryingItsMillisecond() {
		Instant now = Instant.parse("2026-11-22T10:15:30.123Z");
		UUID id = new EventIds(Clock.fixed(now, ZoneOffset.UTC)).next();

		assertThat(id.version()).isEqualTo(7);
		assertThat(id.variant()).isEqualTo(2);
		assertThat(EventIds.timestamp(id)).isEqualTo(now);
		assertThat(id.toString()).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
	}

	@Test
	void strictlyIncreasesWithinOneMillisecondEvenPastTheCounter() {
		// 10 000 ids in one frozen millisecond: far more than the 12-bit counter holds, so the
		// generator must borrow the following milliseconds and still never repeat or go back.
		EventIds ids = new EventIds(Clock.fixed(Instant.parse("2026-11-22T10:15:30.123Z"), ZoneOffset.UTC));
		List<UUID> generated = new ArrayList<>();
		for (int i = 0; i < 10_000; i++) {
			generated.add(ids.next());
		}

		assertIncreasing(generated);
		assertThat(EventIds.timestamp(generated.get(generated.size() - 1)))
			.isAfter(Instant.parse("2026-11-22T10:15:30.123Z"));
	}

	@Test
	void staysIncreasingWhenTheClockStepsBack() {
		AtomicLong millis = new AtomicLong(Instant.parse("2026-11-22T10:15:30Z").toEpochMilli());
		EventIds ids = new EventIds(new SteppingClock(millis));
		List<UUID> generated = new ArrayList<>();
		generated.add(ids.next());
		millis.addAndGet(-5_000);
		generated.add(ids.next());
		generated.add(ids.next());
		millis.addAndGet(10_000);
		generated.add(ids.next());

		assertIncreasing(generated);
		assertThat(EventIds.timestamp(generated.get(3))).isEqualTo(Instant.ofEpochMilli(millis.get()));
	}

	@Test
	void idsFromManyThreadsAreUnique() {
		EventIds ids = new EventIds();
		Set<UUID> seen = ConcurrentHashMap.newKeySet();
		IntStream.range(0, 40_000).parallel().forEach(i -> seen.add(ids.next()));

		assertThat(seen).hasSize(40_000);
	}

	@Test
	void laterMillisecondsSortLater() {
		AtomicLong millis = new AtomicLong(1_000_000);
		EventIds ids = new EventIds(new SteppingClock(millis));
		Set<String> strings = new HashSet<>();
		List<UUID> generated = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			millis.addAndGet(1);
			UUID id = ids.next();
			generated.add(id);
			strings.add(id.toString());
		}
		assertIncreasing(generated);
		assertThat(strings).hasSize(100);
	}

	@Test
	void timestampRejectsOtherVersions() {
		assertThatIllegalArgumentException().isThrownBy(() -> EventIds.timestamp(UUID.randomUUID()));
	}

	private static void assertIncreasing(List<UUID> ids) {
		for (int i = 1; i < ids.size(); i++) {
			UUID previous = ids.get(i - 1);
			UUID current = ids.get(i);
			assertThat(current).as("id %d as UUID", i).isGreaterThan(previous);
			assertThat(current.toString()).as("id %d as text", i).isGreaterThan(previous.toString());
		}
	}

	private static final class SteppingClock extends Clock {

		private final AtomicLong millis;

		SteppingClock(AtomicLong millis) {
			this.millis = millis;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return Instant.ofEpochMilli(this.millis.get());
		}

	}

}
