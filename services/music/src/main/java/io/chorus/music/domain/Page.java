package io.chorus.music.domain;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import io.chorus.platform.web.KeysetCursor;
import org.jspecify.annotations.Nullable;

/** One page of a keyset-paged list; {@code nextCursor} is null on the last page. */
public record Page<T>(List<T> items, @Nullable String nextCursor) {

	/** Music's ids (time-ordered UUIDs): the only ids a cursor may carry into a query. */
	static final Predicate<String> ID = Pattern.compile("[0-9a-f-]{36}").asMatchPredicate();

	/** From {@code limit + 1} fetched rows: the extra row only says there is more. */
	public static <T> Page<T> of(List<T> fetched, int limit, Function<T, KeysetCursor> cursorOf) {
		if (fetched.size() <= limit) {
			return new Page<>(fetched, null);
		}
		List<T> items = fetched.subList(0, limit);
		return new Page<>(List.copyOf(items), cursorOf.apply(items.get(limit - 1)).encode());
	}

	public static @Nullable KeysetCursor cursor(@Nullable String text) {
		if (text == null || text.isEmpty()) {
			return null;
		}
		return KeysetCursor.decode(text, ID).orElseThrow(() -> Violations.single("cursor", "is not a valid cursor"));
	}

}
