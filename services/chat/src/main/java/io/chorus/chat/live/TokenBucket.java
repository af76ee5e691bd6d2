package io.chorus.chat.live;

/**
 * Per-connection send limit: {@code capacity} sends at once, refilled at {@code perSecond}. Used from
 * the connection's inbound processing only (one frame at a time), so it needs no synchronization.
 */
public final class TokenBucket {

	private final double capacity;

	private final double perNano;

	private double tokens;

	private long last;

	public TokenBucket(int capacity, double perSecond, long nowNanos) {
		this.capacity = capacity;
		this.perNano = perSecond / 1_000_000_000d;
		this.tokens = capacity;
		this.last = nowNanos;
	}

	public boolean tryTake(long nowNanos) {
		this.tokens = Math.min(this.capacity, this.tokens + (nowNanos - this.last) * this.perNano);
		this.last = nowNanos;
		if (this.tokens >= 1) {
			this.tokens -= 1;
			return true;
		}
		return false;
	}

}
