package io.chorus.platform.web;

import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Negative;
import jakarta.validation.constraints.NegativeOrZero;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
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
		warmUp(validator);
	}

	/**
	 * Hibernate Validator reads its message bundles from jars on the first violation of each
	 * constraint — blocking I/O that must not happen on an event loop (BlockHound catches it).
	 * Violating the common constraints once at startup loads and caches them all, for
	 * annotated controllers ({@code @Valid}) as well, since they share the validator.
	 */
	static void warmUp(Validator validator) {
		validator.validate(new WarmUp(null, "", " ", -1, 1, "x", "not-an-email", List.of(1, 2, 3)));
	}

	private record WarmUp(@NotNull @Nullable Object notNull, @NotEmpty String notEmpty, @NotBlank String notBlank,
			@Positive @PositiveOrZero @Min(0) int positive, @Negative @NegativeOrZero @Max(0) int negative,
			@Size(min = 2, max = 3) @Pattern(regexp = "[0-9]+") String size, @Email String email,
			@Size(max = 2) List<@DecimalMax("1") @DecimalMin("2") Integer> list) {
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
