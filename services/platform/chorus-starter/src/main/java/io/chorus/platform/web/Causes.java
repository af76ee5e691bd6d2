package io.chorus.platform.web;

import org.jspecify.annotations.Nullable;

/** Looks through an exception's cause chain (frameworks wrap the exception that matters). */
public final class Causes {

	private Causes() {
	}

	/** The first throwable in {@code ex}'s cause chain (including itself) of {@code type}. */
	public static <T extends Throwable> @Nullable T find(Throwable ex, Class<T> type) {
		int depth = 0;
		for (Throwable current = ex; current != null && depth < 32; current = current.getCause(), depth++) {
			if (type.isInstance(current)) {
				return type.cast(current);
			}
		}
		return null;
	}

}
