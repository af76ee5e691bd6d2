package io.chorus.member.domain;

import java.util.List;

import io.chorus.platform.web.FieldViolation;
import io.chorus.platform.web.ProblemException;

import org.springframework.http.HttpStatus;

/** Problems the member flows answer with. */
public final class Problems {

	private Problems() {
	}

	public static ProblemException validation(List<Violation> violations) {
		return ProblemException.validation(
				violations.stream().map((v) -> new FieldViolation(v.field(), v.reason())).toList());
	}

	public static ProblemException taken(List<String> fields) {
		ProblemException.Builder problem = ProblemException.of(HttpStatus.CONFLICT)
			.title("Already taken")
			.detail("An account already uses this " + String.join(" and ", fields) + ".");
		fields.forEach((field) -> problem.error(field, "is already taken"));
		return problem.build();
	}

	/** The one answer for every failed login. */
	public static ProblemException badCredentials() {
		return ProblemException.of(HttpStatus.UNAUTHORIZED)
			.title("Unauthorized")
			.detail("The email or password is incorrect.")
			.build();
	}

}
