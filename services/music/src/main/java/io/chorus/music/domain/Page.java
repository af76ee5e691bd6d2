package io.chorus.music.domain;

import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/** One page of a keyset-paged list; {@code nextCursor} is null on the last page. */
public record Page<T>(List<T> items, @Nullable String nextCursor) {

	/** From {@code limit + 1} fetched rows: the extra row only says there is more. */
	public static <T> Page<T> of(List<T> fetched, int limit, Function<T, Cursor> cursorOf) {
		if (fetched.size() <= limit) {
			return new Page<>(fetched, null);
		}
		List<T> items = fetched.subList(0, limit);
		return new Page<>(List.copyOf(items), cursorOf.apply(items.get(limit - 1)).encode());
	}

	public static @Nullable Cursor cursor(@Nullable String text) {
		if (text == null || text.isEmpty()) {
			return null;
		}
		return Cursor.decode(text).orElseThrow(() -> Violations.single("cursor", "is not a valid cursor"));
	}

}
