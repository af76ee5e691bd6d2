package io.chorus.platform.events.consumer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import io.chorus.platform.events.EventIds;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryEventDeduplicatorTests {

	private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T10:00:00Z"));

	private final Clock clock = new Clock() {

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return InMemoryEventDeduplicatorTests.this.now.get();
		}
	};

	private final InMemoryEventDeduplicator dedupe = new InMemoryEventDeduplicator(this.clock);

	@Test
	void remembersPerGroupUntilTheTtlEnds() {
		this.dedupe.markProcessed("timeline", "e1", Duration.ofHours(1)).block();

		assertThat(this.dedupe.isProcessed("timeline", "e1").block()).isTrue();
		assertThat(this.dedupe.isProcessed("search", "e1").block()).isFalse();
		this.now.set(this.now.get().plus(Duration.ofMinutes(61)));
		assertThat(this.dedupe.isProcessed("timeline", "e1").block()).isFalse();
	}

	@Test
	void forgetsOnlyTheGroupsEventsMintedSinceTheTime() {
		Instant t0 = Instant.parse("2026-11-22T08:00:00Z");
		String old = new EventIds(Clock.fixed(t0, ZoneOffset.UTC)).nextId();
		String recent = new EventIds(Clock.fixed(t0.plus(Duration.ofHours(1)), ZoneOffset.UTC)).nextId();
		for (String id : new String[] { old, recent }) {
			this.dedupe.markProcessed("timeline", id, Duration.ofDays(8)).block();
			this.dedupe.markProcessed("search", id, Duration.ofDays(8)).block();
		}

		Long forgotten = this.dedupe.forget("timeline", t0.plus(Duration.ofMinutes(30))).block();

		assertThat(forgotten).isEqualTo(1);
		assertThat(this.dedupe.isProcessed("timeline", recent).block()).isFalse();
		assertThat(this.dedupe.isProcessed("timeline", old).block()).isTrue();
		assertThat(this.dedupe.isProcessed("search", recent).block()).isTrue();
	}

}
