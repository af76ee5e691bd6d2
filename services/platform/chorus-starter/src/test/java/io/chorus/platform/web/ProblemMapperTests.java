package io.chorus.platform.web;

import java.util.List;
import java.util.Set;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.Test;

import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemMapperTests {

	@Test
	void unknownExceptionsBecomeAGeneric500SayingNothingAboutTheCause() {
		ProblemException problem = ProblemMapper.map(new NullPointerException("members.password_hash is null"));
		assertThat(problem.status().value()).isEqualTo(500);
		assertThat(problem.title()).isEqualTo("Internal Server Error");
		assertThat(problem.detail()).doesNotContain("password", "NullPointer");
		assertThat(problem.errors()).isEmpty();
	}

	@Test
	void aStoreOutageIsA503WithRetryAfter() {
		ProblemException problem = ProblemMapper
			.map(new DataAccessResourceFailureException("Unable to connect to Redis"));
		assertThat(problem.status().value()).isEqualTo(503);
		assertThat(problem.type()).isEqualTo(ProblemTypes.UNAVAILABLE);
		assertThat(problem.headers().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
		assertThat(problem.detail()).doesNotContain("Redis");
	}

	@Test
	void problemExceptionsPassThroughUnchanged() {
		ProblemException thrown = ProblemException.conflict("taken");
		assertThat(ProblemMapper.map(thrown)).isSameAs(thrown);
		assertThat(ProblemMapper.map(new IllegalStateException("wrapped", thrown))).isSameAs(thrown);
	}

	@Test
	void bufferLimitAnywhereInTheChainIsA413() {
		ServerWebInputException wrapped = new ServerWebInputException("Failed to read", null,
				new DecodingException("decode", new DataBufferLimitException("Exceeded limit on max bytes")));
		assertThat(ProblemMapper.map(wrapped).status().value()).isEqualTo(413);
	}

	@Test
	void methodNotAllowedKeepsTheAllowHeader() {
		ProblemException problem = ProblemMapper.map(new MethodNotAllowedException(HttpMethod.DELETE,
				List.of(HttpMethod.GET, HttpMethod.POST)));
		assertThat(problem.status().value()).isEqualTo(405);
		assertThat(problem.headers().getAllow()).containsExactlyInAnyOrder(HttpMethod.GET, HttpMethod.POST);
	}

	@Test
	void responseStatusExceptionKeepsStatusAndReason() {
		ProblemException problem = ProblemMapper.map(new ResponseStatusException(HttpStatus.GONE, "Track removed."));
		assertThat(problem.status().value()).isEqualTo(410);
		assertThat(problem.detail()).isEqualTo("Track removed.");
	}

	@Test
	void constraintViolationsBecomeFieldErrors() {
		record Named(@NotBlank String name) {
		}
		Validator validator = Validation.buildDefaultValidatorFactory().getValidator();
		Set<jakarta.validation.ConstraintViolation<Named>> violations = validator.validate(new Named(" "));
		ProblemException problem = ProblemMapper.map(new jakarta.validation.ConstraintViolationException(violations));
		assertThat(problem.status().value()).isEqualTo(400);
		assertThat(problem.type()).isEqualTo(ProblemTypes.VALIDATION);
		assertThat(problem.errors()).extracting(FieldViolation::field).containsExactly("name");
	}

}
