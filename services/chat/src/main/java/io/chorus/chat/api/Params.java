package io.chorus.chat.api;

import java.util.List;

import io.chorus.chat.domain.Limits;
import io.chorus.platform.web.FieldViolation;
import io.chorus.platform.web.KeysetCursor;
import io.chorus.platform.web.ProblemException;
import org.jspecify.annotations.Nullable;

import org.springframework.web.reactive.function.server.ServerRequest;

/** Path and query parameters; bad values are 400 with the field, never clamped. */
final class Params {

	private Params() {
	}

	static String roomId(ServerRequest request) {
		String id = request.pathVariable("id");
		if (!Limits.validId(id)) {
			throw invalid("id", "is not a room id");
		}
		return id;
	}

	static int limit(ServerRequest request) {
		String raw = request.queryParam("limit").orElse(null);
		if (raw == null || raw.isEmpty()) {
			return Limits.DEFAULT_PAGE;
		}
		try {
			int limit = Integer.parseInt(raw);
			if (limit >= 1 && limit <= Limits.MAX_PAGE) {
				return limit;
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		throw invalid("limit", "must be a whole number from 1 to " + Limits.MAX_PAGE);
	}

	static @Nullable Long before(ServerRequest request) {
		String raw = request.queryParam("before").orElse(null);
		if (raw == null || raw.isEmpty()) {
			return null;
		}
		try {
			long before = Long.parseLong(raw);
			if (before >= 1) {
				return before;
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		throw invalid("before", "must be a positive whole number (a seq)");
	}

	static @Nullable KeysetCursor cursor(ServerRequest request) {
		String raw = request.queryParam("cursor").orElse(null);
		if (raw == null || raw.isEmpty()) {
			return null;
		}
		return KeysetCursor.decode(raw, Limits::validId)
			.orElseThrow(() -> invalid("cursor", "is not a cursor returned by this service"));
	}

	static ProblemException invalid(String field, String reason) {
		return ProblemException.validation(List.of(new FieldViolation(field, reason)));
	}

}
