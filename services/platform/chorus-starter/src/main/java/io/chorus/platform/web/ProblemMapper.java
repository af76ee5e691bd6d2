package io.chorus.platform.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.chorus.platform.stores.Outages;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.util.ClassUtils;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.ServerWebInputException;

/**
 * Maps any exception to the {@link ProblemException} that describes it to the client. Client
 * mistakes become specific 4xx problems; a store outage 503 with {@code Retry-After}; anything unknown becomes a generic 500 whose body says
 * nothing about the cause (the cause is logged server-side).
 */
final class ProblemMapper {

	/** What a 503 for a store outage asks clients to wait: about one reconnect cycle. */
	static final long RETRY_AFTER_SECONDS = 5;

	private ProblemMapper() {
	}

	static ProblemException map(Throwable ex) {
		// Also when wrapped: WebClient wraps errors raised while reading a response body.
		ProblemException problem = Causes.find(ex, ProblemException.class);
		if (problem != null) {
			return problem;
		}
		if (ex instanceof WebExchangeBindException bind) {
			return ProblemException.validation(violations(bind.getBindingResult()));
		}
		if (ex instanceof HandlerMethodValidationException validation) {
			return ProblemException.validation(violations(validation));
		}
		if (ex instanceof ConstraintViolationException violations) {
			return ProblemException.validation(violations(violations.getConstraintViolations()));
		}
		if (Causes.find(ex, DataBufferLimitException.class) != null) {
			return ProblemException.of(HttpStatus.CONTENT_TOO_LARGE).detail("The request body is too large.").build();
		}
		if (ex instanceof ServerWebInputException input) {
			return inputProblem(input);
		}
		if (ex instanceof ErrorResponse response) {
			return ProblemException.of(response.getStatusCode())
				.detail(detail(response))
				.headers(response.getHeaders())
				.build();
		}
		if (Outages.isOutage(ex)) {
			// The store is unreachable or too slow: nothing wrong with the request, try it again.
			return ProblemException.of(HttpStatus.SERVICE_UNAVAILABLE)
				.type(ProblemTypes.UNAVAILABLE)
				.detail("A data store is unavailable; try again shortly.")
				.header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS))
				.build();
		}
		return ProblemException.of(HttpStatus.INTERNAL_SERVER_ERROR)
			.detail("An unexpected error occurred. Quote the traceId when reporting it.")
			.build();
	}

	private static ProblemException inputProblem(ServerWebInputException input) {
		if (input instanceof MissingRequestValueException missing) {
			return ProblemException.validation(List.of(new FieldViolation(missing.getName(), "is required")));
		}
		TypeMismatchException mismatch = Causes.find(input, TypeMismatchException.class);
		if (mismatch != null && mismatch.getPropertyName() != null) {
			return ProblemException.validation(List.of(new FieldViolation(mismatch.getPropertyName(),
					"must be " + expected(mismatch.getRequiredType()))));
		}
		MismatchedInputException wrongType = Causes.find(input, MismatchedInputException.class);
		if (wrongType != null) {
			String field = path(wrongType);
			if (!field.isEmpty()) {
				return ProblemException.validation(
						List.of(new FieldViolation(field, "must be " + expected(wrongType.getTargetType()))));
			}
			return ProblemException.badRequest("The request body does not have the expected shape.");
		}
		if (Causes.find(input, StreamReadException.class) != null) {
			return ProblemException.badRequest("The request body is not well-formed JSON.");
		}
		if (Causes.find(input, JacksonException.class) != null) {
			return ProblemException.badRequest("The request body could not be read.");
		}
		return ProblemException.of(input.getStatusCode()).detail(detail(input)).headers(input.getHeaders()).build();
	}

	private static List<FieldViolation> violations(BindingResult result) {
		List<FieldViolation> violations = new ArrayList<>();
		for (FieldError error : result.getFieldErrors()) {
			violations.add(new FieldViolation(error.getField(), reason(error)));
		}
		result.getGlobalErrors().forEach((error) -> violations.add(new FieldViolation(error.getObjectName(), reason(error))));
		return violations;
	}

	private static List<FieldViolation> violations(HandlerMethodValidationException ex) {
		List<FieldViolation> violations = new ArrayList<>();
		ex.getParameterValidationResults().forEach((result) -> {
			String name = result.getMethodParameter().getParameterName();
			result.getResolvableErrors().forEach((error) -> violations.add(new FieldViolation(
					(error instanceof FieldError field) ? field.getField() : String.valueOf(name), reason(error))));
		});
		return violations;
	}

	static List<FieldViolation> violations(Set<? extends ConstraintViolation<?>> constraintViolations) {
		return constraintViolations.stream()
			.map((violation) -> new FieldViolation(violation.getPropertyPath().toString(), violation.getMessage()))
			.sorted(Comparator.comparing(FieldViolation::field).thenComparing(FieldViolation::reason))
			.toList();
	}

	private static String reason(MessageSourceResolvable error) {
		String message = error.getDefaultMessage();
		return (message != null) ? message : "is invalid";
	}

	private static String detail(ErrorResponse response) {
		String detail = response.getBody().getDetail();
		return (detail != null) ? detail : ProblemException.defaultTitle(response.getStatusCode());
	}

	/** Jackson's path as the client wrote it, e.g. {@code items[0].name}. */
	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static String expected(@Nullable Class<?> type) {
		if (type == null) {
			return "a valid value";
		}
		if (type.isEnum()) {
			return "one of " + Arrays.toString(type.getEnumConstants());
		}
		Class<?> boxed = ClassUtils.resolvePrimitiveIfNecessary(type);
		if (Number.class.isAssignableFrom(boxed)) {
			return "a number";
		}
		if (boxed == Boolean.class) {
			return "a boolean";
		}
		if (CharSequence.class.isAssignableFrom(boxed) || boxed == Character.class) {
			return "a string";
		}
		if (type.isArray() || Iterable.class.isAssignableFrom(type)) {
			return "an array";
		}
		if (boxed.getName().startsWith("java.time.") || boxed == UUID.class) {
			return "a valid " + boxed.getSimpleName();
		}
		return "an object";
	}

}
