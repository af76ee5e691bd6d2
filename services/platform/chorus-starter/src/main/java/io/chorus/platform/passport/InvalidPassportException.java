package io.chorus.platform.passport;

import io.chorus.platform.web.ProblemException;
import io.chorus.platform.web.ProblemTypes;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A present passport failed verification: always a 401 with
 * {@code WWW-Authenticate: Bearer error="invalid_token"}, whatever was wrong with it.
 */
public final class InvalidPassportException extends ProblemException {

	private final String reason;

	InvalidPassportException(String reason) {
		super(ProblemException.of(HttpStatus.UNAUTHORIZED)
			.type(ProblemTypes.INVALID_PASSPORT)
			.title("Invalid passport")
			.detail("The passport was rejected: " + reason + ".")
			.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\""));
		this.reason = reason;
	}

	/** Why verification failed, e.g. {@code expired} (also part of the detail). */
	public String reason() {
		return this.reason;
	}

}
