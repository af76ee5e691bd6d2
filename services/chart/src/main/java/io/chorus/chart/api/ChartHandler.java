package io.chorus.chart.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.chorus.chart.domain.Charts;
import io.chorus.chart.domain.Period;
import io.chorus.platform.web.FieldViolation;
import io.chorus.platform.web.ProblemException;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/** {@code GET /api/charts/{period}?date=&limit=}: public, read-only. */
final class ChartHandler {

	private static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

	private static final LocalDate LATEST = LocalDate.of(9999, 12, 1);

	private final Charts charts;

	ChartHandler(Charts charts) {
		this.charts = charts;
	}

	Mono<ServerResponse> chart(ServerRequest request) {
		List<FieldViolation> errors = new ArrayList<>();
		Optional<Period> period = Period.fromSlug(request.pathVariable("period"));
		if (period.isEmpty()) {
			errors.add(new FieldViolation("period", "must be one of daily, weekly, monthly"));
		}
		LocalDate date = date(request.queryParam("date"), errors);
		int limit = limit(request.queryParam("limit"), errors);
		if (!errors.isEmpty()) {
			return Mono.error(ProblemException.validation(errors));
		}
		return this.charts.read(period.orElseThrow(), date, limit)
			.flatMap(chart -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(chart));
	}

	private LocalDate date(Optional<String> raw, List<FieldViolation> errors) {
		if (raw.isEmpty()) {
			return this.charts.today();
		}
		try {
			LocalDate date = LocalDate.parse(raw.get());
			if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
				errors.add(new FieldViolation("date", "must be between " + EARLIEST + " and " + LATEST));
			}
			return date;
		}
		catch (DateTimeParseException ex) {
			errors.add(new FieldViolation("date", "must be a date as yyyy-MM-dd"));
			return EARLIEST;
		}
	}

	private static int limit(Optional<String> raw, List<FieldViolation> errors) {
		if (raw.isEmpty()) {
			return Charts.DEFAULT_LIMIT;
		}
		try {
			int limit = Integer.parseInt(raw.get());
			if (limit < 1 || limit > Charts.MAX_LIMIT) {
				errors.add(new FieldViolation("limit", "must be between 1 and " + Charts.MAX_LIMIT));
			}
			return limit;
		}
		catch (NumberFormatException ex) {
			errors.add(new FieldViolation("limit", "must be a whole number between 1 and " + Charts.MAX_LIMIT));
			return Charts.DEFAULT_LIMIT;
		}
	}

}
