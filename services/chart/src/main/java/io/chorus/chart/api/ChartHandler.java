package io.chorus.chart.api;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.chorus.chart.domain.Chart;
import io.chorus.chart.domain.ChartPages;
import io.chorus.chart.domain.Charts;
import io.chorus.chart.domain.Period;
import io.chorus.platform.web.FieldViolation;
import io.chorus.platform.web.ProblemException;
import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code GET /api/charts/{period}?date=&limit=}: public, read-only, served from the rendered page
 * ({@link ChartPages}): one Redis command and a byte copy. {@code ETag} on every answer,
 * {@code If-None-Match} answered with 304; a closed period's page never changes (cached for a
 * year, immutable), a live one must be revalidated.
 */
final class ChartHandler {

	private static final CacheControl LIVE = CacheControl.noCache();

	private static final CacheControl FINAL = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

	private static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

	private static final LocalDate LATEST = LocalDate.of(9999, 12, 1);

	private final Charts charts;

	private final ChartPages pages;

	ChartHandler(Charts charts, ChartPages pages) {
		this.charts = charts;
		this.pages = pages;
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
		List<String> ifNoneMatch = request.headers().header(HttpHeaders.IF_NONE_MATCH);
		return this.pages.read(period.orElseThrow(), date, limit).flatMap((page) -> {
			CacheControl cache = (page.status() == Chart.Status.FINAL) ? FINAL : LIVE;
			if (matches(ifNoneMatch, page.etag())) {
				return ServerResponse.status(HttpStatus.NOT_MODIFIED).eTag(page.etag()).cacheControl(cache).build();
			}
			return ServerResponse.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.eTag(page.etag())
				.cacheControl(cache)
				.bodyValue(page.body());
		});
	}

	private static boolean matches(List<String> ifNoneMatch, String etag) {
		for (String header : ifNoneMatch) {
			for (String candidate : header.split(",")) {
				String tag = candidate.strip();
				if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
					return true;
				}
			}
		}
		return false;
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
