package io.chorus.platform.events;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * UUIDv7 (RFC 9562) event ids: 48 bits of Unix milliseconds, then a 12-bit counter, then 62
 * random bits. Ids from one generator are strictly increasing, both as {@link UUID#compareTo}
 * and as strings, even within one millisecond and if the clock steps back (RFC 9562 §6.2,
 * method 1: the counter carries into the millisecond field, borrowing from the future, and a
 * clock behind the last id is ignored until it catches up).
 *
 * <p>The random bits come from {@link ThreadLocalRandom}: ids must be unique, not secret, and
 * {@code SecureRandom} may read {@code /dev/urandom}, which is blocking I/O on an event loop.
 */
public final class EventIds {

	private static final long COUNTER_BITS = 12;

	/** The counter starts below this so that a millisecond has at least 2048 ids of headroom. */
	private static final int COUNTER_SEED_BOUND = 1 << 11;

	private final Clock clock;

	/** {@code millis << 12 | counter} of the last id handed out. */
	private final AtomicLong last = new AtomicLong();

	public EventIds() {
		this(Clock.systemUTC());
	}

	public EventIds(Clock clock) {
		this.clock = clock;
	}

	public UUID next() {
		long now = this.clock.millis();
		long seeded = (now << COUNTER_BITS) | ThreadLocalRandom.current().nextInt(COUNTER_SEED_BOUND);
		long state = this.last.updateAndGet(prev -> (prev >>> COUNTER_BITS) >= now ? prev + 1 : seeded);
		long millis = state >>> COUNTER_BITS;
		long counter = state & ((1L << COUNTER_BITS) - 1);
		long msb = (millis << 16) | (0x7L << 12) | counter;
		long lsb = (ThreadLocalRandom.current().nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
		return new UUID(msb, lsb);
	}

	/** {@link #next()} as the canonical lower-case string used for {@link CloudEvent#id()}. */
	public String nextId() {
		return next().toString();
	}

	/**
	 * The millisecond a UUIDv7 was generated in.
	 * @throws IllegalArgumentException if {@code id} is not a UUIDv7
	 */
	public static Instant timestamp(UUID id) {
		if (id.version() != 7) {
			throw new IllegalArgumentException("not a UUIDv7: " + id);
		}
		return Instant.ofEpochMilli(id.getMostSignificantBits() >>> 16);
	}

}
