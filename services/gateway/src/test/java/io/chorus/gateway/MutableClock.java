package io.chorus.gateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** Real time plus an offset the test can move forward, or frozen at an instant. */
public final class MutableClock extends Clock {

	private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

	private final AtomicReference<Instant> frozen = new AtomicReference<>();

	public void advance(Duration by) {
		Instant at = this.frozen.get();
		if (at != null) {
			this.frozen.set(at.plus(by));
		}
		this.offset.updateAndGet((current) -> current.plus(by));
	}

	public void freeze() {
		this.frozen.set(instant());
	}

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

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException();
	}

}
