package io.chorus.activity.api;

import java.util.List;

import io.chorus.activity.domain.Cursor;
import io.chorus.platform.web.FieldViolation;
import io.chorus.platform.web.ProblemException;
import org.jspecify.annotations.Nullable;

import org.springframework.web.reactive.function.server.ServerRequest;

/** {@code ?cursor=&limit=} of the paged reads; bad values are 400 with the field, never clamped. */
final class Limits {

	static final int DEFAULT_LIMIT = 20;

	static final int MAX_LIMIT = 100;

	private Limits() {
	}

	static int limit(ServerRequest request) {
		String raw = request.queryParam("limit").orElse(null);
		if (raw == null || raw.isEmpty()) {
			return DEFAULT_LIMIT;
		}
		try {
			int limit = Integer.parseInt(raw);
			if (limit >= 1 && limit <= MAX_LIMIT) {
				return limit;
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		throw ProblemException
			.validation(List.of(new FieldViolation("limit", "must be a whole number from 1 to " + MAX_LIMIT)));
	}

	static @Nullable Cursor cursor(ServerRequest request) {
		String raw = request.queryParam("cursor").orElse(null);
		if (raw == null || raw.isEmpty()) {
			return null;
		}
		return Cursor.decode(raw)
			.orElseThrow(() -> ProblemException
				.validation(List.of(new FieldViolation("cursor", "is not a cursor returned by this service"))));
	}

}
