package io.chorus.timeline.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.chorus.platform.web.FieldViolation;
import io.chorus.platform.web.ProblemException;
import io.chorus.timeline.domain.Ids;
import org.jspecify.annotations.Nullable;

import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * Query and path parameters of the read endpoints, checked together: every bad one is reported
 * in one 400 problem ({@code errors[{field, reason}]}), nothing is silently clamped.
 */
final class Params {

	static final int DEFAULT_LIMIT = 20;

	static final int MAX_LIMIT = 100;

	private final ServerRequest request;

	private final List<FieldViolation> violations = new ArrayList<>();

	Params(ServerRequest request) {
		this.request = request;
	}

	int limit() {
		String raw = single("limit");
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
			// reported below
		}
		this.violations.add(new FieldViolation("limit", "must be a whole number from 1 to " + MAX_LIMIT));
		return DEFAULT_LIMIT;
	}

	/** A cursor this service handed out, decoded; {@code null} for the first page. */
	<T> @Nullable T cursor(Function<String, Optional<T>> decoder) {
		String raw = single("cursor");
		if (raw == null || raw.isEmpty()) {
			return null;
		}
		Optional<T> cursor = decoder.apply(raw);
		if (cursor.isEmpty()) {
			this.violations.add(new FieldViolation("cursor", "is not a cursor from a previous page"));
			return null;
		}
		return cursor.get();
	}

	<T> @Nullable T required(String name, Function<String, Optional<T>> parser, String reason, String fallback) {
		String raw = single(name);
		Optional<T> value = parser.apply((raw == null || raw.isEmpty()) ? fallback : raw);
		if (value.isEmpty()) {
			this.violations.add(new FieldViolation(name, reason));
			return null;
		}
		return value.get();
	}

	@Nullable String optionalId(String name) {
		String raw = single(name);
		if (raw == null || raw.isEmpty()) {
			return null;
		}
		if (!Ids.valid(raw)) {
			this.violations.add(new FieldViolation(name, "is not a valid id"));
			return null;
		}
		return raw;
	}

	String pathId(String name) {
		String raw = this.request.pathVariable(name);
		if (!Ids.valid(raw)) {
			this.violations.add(new FieldViolation(name, "is not a valid id"));
		}
		return raw;
	}

	/** Throws the 400 problem if anything was wrong. */
	void check() {
		if (!this.violations.isEmpty()) {
			throw ProblemException.validation(List.copyOf(this.violations));
		}
	}

	private @Nullable String single(String name) {
		List<String> values = this.request.queryParams().get(name);
		if (values == null || values.isEmpty()) {
			return null;
		}
		if (values.size() > 1) {
			this.violations.add(new FieldViolation(name, "must be given at most once"));
		}
		return values.get(0);
	}

}
