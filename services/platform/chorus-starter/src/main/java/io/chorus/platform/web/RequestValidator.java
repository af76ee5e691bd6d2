package io.chorus.platform.web;

import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * Bean Validation for functional handlers, which get no {@code @Valid}. Failures become the same
 * 400 validation problem an annotated controller produces.
 *
 * <pre>{@code
 * validator.body(request, CreatePost.class).flatMap(posts::create)...
 * }</pre>
 */
public final class RequestValidator {

	private final Validator validator;

	public RequestValidator(Validator validator) {
		this.validator = validator;
	}

	/** Reads the body as {@code type} and validates it; an absent body is a 400 too. */
	public <T> Mono<T> body(ServerRequest request, Class<T> type) {
		return request.bodyToMono(type)
			.switchIfEmpty(Mono.error(() -> ProblemException.badRequest("A request body is required.")))
			.flatMap(this::validate);
	}

	/** {@code value} if it satisfies its constraints, else a 400 problem listing every violation. */
	public <T> Mono<T> validate(T value) {
		Set<ConstraintViolation<T>> violations = this.validator.validate(value);
		if (violations.isEmpty()) {
			return Mono.just(value);
		}
		return Mono.error(ProblemException.validation(ProblemMapper.violations(violations)));
	}

}
