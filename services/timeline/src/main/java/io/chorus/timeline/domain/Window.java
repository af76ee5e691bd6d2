package io.chorus.timeline.domain;

import java.time.Duration;
import java.util.Optional;

/**
 * The sliding windows of the popular and most-commented rankings. Activity is counted in
 * {@link #BUCKET}-sized buckets; a window's ranking holds its last {@link #buckets()} buckets
 * (the current, still filling one included), so it slides in {@link #BUCKET} steps.
 */
public enum Window {

	HOUR("1h", Duration.ofHours(1)), DAY("24h", Duration.ofHours(24)), WEEK("7d", Duration.ofDays(7));

	public static final Duration BUCKET = Duration.ofMinutes(5);

	private final String label;

	private final Duration length;

	Window(String label, Duration length) {
		this.label = label;
		this.length = length;
	}

	public String label() {
		return this.label;
	}

	public long buckets() {
		return this.length.dividedBy(BUCKET);
	}

	public static long bucketOf(long epochMillis) {
		return Math.floorDiv(epochMillis, BUCKET.toMillis());
	}

	public static Optional<Window> of(String label) {
		for (Window window : values()) {
			if (window.label.equals(label)) {
				return Optional.of(window);
			}
		}
		return Optional.empty();
	}

	/** The longest window, which bounds how long buckets are kept. */
	public static Window longest() {
		return WEEK;
	}

}
