package io.chorus.platform.cache;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

/**
 * A bounded map whose entries each carry their own expiry instant, for results that are valid
 * until a known time (a verified token until its {@code exp}). Lock-free on the read path, so it is
 * safe on event-loop threads: no monitor, no park, no background thread.
 *
 * <p>Time is passed in by the caller (from the service's {@code Clock}), so an entry is never
 * served at or after its expiry, and tests can move time. When an insert takes the map past
 * {@code maxEntries}, one caller sweeps: expired entries first, then arbitrary ones until the map
 * is at 90 % of the bound. Arbitrary eviction only costs a recomputation later; the sweep is
 * amortised over the tenth of the bound that must be inserted before the next one.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class ExpiringCache<K, V> {

	private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

	private final int maxEntries;

	private final AtomicBoolean sweeping = new AtomicBoolean();

	public ExpiringCache(int maxEntries) {
		if (maxEntries < 1) {
			throw new IllegalArgumentException("maxEntries must be at least 1");
		}
		this.maxEntries = maxEntries;
	}

	/** The value for {@code key} if present and {@code now} is before its expiry, else null. */
	public @Nullable V get(K key, Instant now) {
		Entry<V> entry = this.entries.get(key);
		if (entry == null) {
			return null;
		}
		if (now.toEpochMilli() >= entry.expiresAtMillis()) {
			this.entries.remove(key, entry);
			return null;
		}
		return entry.value();
	}

	/** Keeps {@code value} until {@code expiresAt}; a value already expired at {@code now} is not kept. */
	public void put(K key, V value, Instant expiresAt, Instant now) {
		long expiresAtMillis = expiresAt.toEpochMilli();
		if (expiresAtMillis <= now.toEpochMilli()) {
			return;
		}
		this.entries.put(key, new Entry<>(value, expiresAtMillis));
		if (this.entries.size() > this.maxEntries) {
			sweep(now.toEpochMilli());
		}
	}

	public void invalidate(K key) {
		this.entries.remove(key);
	}

	public void clear() {
		this.entries.clear();
	}

	public int size() {
		return this.entries.size();
	}

	public int maxEntries() {
		return this.maxEntries;
	}

	private void sweep(long nowMillis) {
		if (!this.sweeping.compareAndSet(false, true)) {
			return; // another caller is already making room
		}
		try {
			this.entries.values().removeIf((entry) -> nowMillis >= entry.expiresAtMillis());
			int target = Math.max(1, (int) (this.maxEntries * 0.9));
			Iterator<K> keys = this.entries.keySet().iterator();
			while (this.entries.size() > target && keys.hasNext()) {
				keys.next();
				keys.remove();
			}
		}
		finally {
			this.sweeping.set(false);
		}
	}

	private record Entry<V>(V value, long expiresAtMillis) {
	}

}
