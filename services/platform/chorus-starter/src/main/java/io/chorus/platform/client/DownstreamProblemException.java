package io.chorus.platform.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.chorus.platform.web.FieldViolation;
import io.chorus.platform.web.ProblemException;
import io.chorus.platform.web.ProblemTypes;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * A service-to-service call failed. Its own {@link #status()} is what this service answers its
 * caller if the exception is not handled: a downstream 4xx passes through (with the downstream's
 * detail and field errors), a downstream 5xx becomes 502, a timeout 504, an unreachable service
 * 503 — never a 500. The downstream's status and problem body stay available for handling.
 */
public final class DownstreamProblemException extends ProblemException {

	private final String service;

	private final @Nullable HttpStatusCode downstreamStatus;

	private final Map<String, Object> downstreamProblem;

	private DownstreamProblemException(Builder builder, String service, @Nullable HttpStatusCode downstreamStatus,
			Map<String, Object> downstreamProblem) {
		super(builder);
		this.service = service;
		this.downstreamStatus = downstreamStatus;
		// Not Map.copyOf: JSON bodies may hold nulls.
		this.downstreamProblem = Collections.unmodifiableMap(new LinkedHashMap<>(downstreamProblem));
	}

	static DownstreamProblemException answered(String service, HttpStatusCode status, Map<String, Object> problem) {
		if (status.is4xxClientError()) {
			Builder builder = ProblemException.of(status)
				.detail(text(problem.get("detail"), service + " rejected the request."))
				.errors(fieldErrors(problem.get("errors")));
			if (problem.get("title") instanceof String title) {
				builder.title(title);
			}
			return new DownstreamProblemException(builder, service, status, problem);
		}
		Builder builder = ProblemException.of(HttpStatus.BAD_GATEWAY)
			.type(ProblemTypes.DOWNSTREAM)
			.detail(service + " failed (status " + status.value() + ").");
		return new DownstreamProblemException(builder, service, status, problem);
	}

	static DownstreamProblemException timedOut(String service, Throwable cause) {
		return failed(HttpStatus.GATEWAY_TIMEOUT, service, service + " did not answer in time.", cause);
	}

	static DownstreamProblemException unreachable(String service, Throwable cause) {
		return failed(HttpStatus.SERVICE_UNAVAILABLE, service, service + " is unreachable.", cause);
	}

	static DownstreamProblemException circuitOpen(String service, Throwable cause) {
		return failed(HttpStatus.SERVICE_UNAVAILABLE, service, service + " is failing; calls are paused (circuit open).",
				cause);
	}

	static DownstreamProblemException saturated(String service, Throwable cause) {
		return failed(HttpStatus.SERVICE_UNAVAILABLE, service, "Too many concurrent calls to " + service + ".", cause);
	}

	static DownstreamProblemException broken(String service, Throwable cause) {
		return failed(HttpStatus.BAD_GATEWAY, service, "The connection to " + service + " failed.", cause);
	}

	private static DownstreamProblemException failed(HttpStatus status, String service, String detail,
			Throwable cause) {
		Builder builder = ProblemException.of(status).type(ProblemTypes.DOWNSTREAM).detail(detail).cause(cause);
		return new DownstreamProblemException(builder, service, null, Map.of());
	}

	/**
	 * Whether the downstream failed rather than answered: a 5xx, a timeout, a connection failure,
	 * an open circuit or a full bulkhead. A 4xx is an answer, not a failure.
	 */
	public boolean isFailure() {
		return status().is5xxServerError();
	}

	/** The host name of the called service. */
	public String service() {
		return this.service;
	}

	/** The downstream's HTTP status, empty if no response arrived (timeout, unreachable). */
	public Optional<HttpStatusCode> downstreamStatus() {
		return Optional.ofNullable(this.downstreamStatus);
	}

	/** The downstream's problem+json body as a map; empty if it sent none. */
	public Map<String, Object> downstreamProblem() {
		return this.downstreamProblem;
	}

	private static String text(@Nullable Object value, String fallback) {
		return (value instanceof String text && !text.isBlank()) ? text : fallback;
	}

	private static List<FieldViolation> fieldErrors(@Nullable Object errors) {
		List<FieldViolation> violations = new ArrayList<>();
		if (errors instanceof List<?> list) {
			for (Object item : list) {
				if (item instanceof Map<?, ?> map && map.get("field") instanceof String field) {
					violations.add(new FieldViolation(field, text(map.get("reason"), "is invalid")));
				}
			}
		}
		return violations;
	}

}
