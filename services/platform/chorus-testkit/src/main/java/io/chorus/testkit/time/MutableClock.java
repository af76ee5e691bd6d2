package io.chorus.testkit.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * A UTC {@link Clock} a test moves: either running (real time plus an offset that
 * {@link #advance(Duration)} grows) or frozen at an instant ({@link #MutableClock(Instant)},
 * {@link #set(Instant)}, {@link #freeze()}). Register it as the service's {@code Clock} bean to
 * expire tokens, cross period boundaries or age keys without waiting.
 */
public final class MutableClock extends Clock {

	private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

	private final AtomicReference<@Nullable Instant> frozen = new AtomicReference<>();

	/** A running clock, at real time until advanced. */
	public MutableClock() {
	}

	/** A clock frozen at {@code start}. */
	public MutableClock(Instant start) {
		this.frozen.set(start);
	}

	/** Moves the clock forward (or back, with a negative duration), frozen or running. */
	public void advance(Duration by) {
		this.frozen.updateAndGet((at) -> (at != null) ? at.plus(by) : null);
		this.offset.accumulateAndGet(by, Duration::plus);
	}

	/** Freezes the clock at {@code instant}. */
	public void set(Instant instant) {
		this.frozen.set(instant);
	}

	/** Freezes the clock where it is now. */
	public void freeze() {
		this.frozen.set(instant());
	}

	/** Lets a frozen clock run again from real time plus the accumulated offset. */
	public void unfreeze() {
		this.frozen.set(null);
	}

	@Override
	public Instant instant() {
		Instant at = this.frozen.get();
		return (at != null) ? at : Instant.now().plus(this.offset.get());
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	/** UTC only: answers this clock whatever the zone. */
	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

}
