package io.chorus.gateway.api;

import java.net.URI;

import io.chorus.gateway.domain.RateLimit;
import io.chorus.gateway.domain.TokenRejectedException;
import io.chorus.platform.web.ProblemException;
import io.chorus.platform.web.ProblemTypes;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

/**
 * Every answer the gateway gives itself, as problem+json (rendered by the starter's error handler,
 * which keeps the headers set here). Details stay generic: a client learns what to do, not which
 * check its forgery tripped.
 */
final class EdgeProblems {

	static final String REFRESH_NEEDED = "X-Token-Refresh-Needed";

	static final String RELOGIN_REQUIRED = "X-Relogin-Required";

	static final String RATE_LIMIT_REMAINING = "X-RateLimit-Remaining";

	static final URI INVALID_TOKEN = URI.create("urn:chorus:problem:invalid-token");

	static final URI TOKEN_EXPIRED = URI.create("urn:chorus:problem:token-expired");

	static final URI TOKEN_REVOKED = URI.create("urn:chorus:problem:token-revoked");

	static final URI RATE_LIMITED = URI.create("urn:chorus:problem:rate-limited");

	static final URI PAYLOAD_TOO_LARGE = URI.create("urn:chorus:problem:payload-too-large");

	static final URI ORIGIN_NOT_ALLOWED = URI.create("urn:chorus:problem:origin-not-allowed");

	static final URI INVALID_PATH = URI.create("urn:chorus:problem:invalid-path");

	static final URI REVOCATION_UNAVAILABLE = URI.create("urn:chorus:problem:revocation-unavailable");

	private static final String BEARER_INVALID = "Bearer error=\"invalid_token\"";

	private EdgeProblems() {
	}

	static ProblemException rejected(TokenRejectedException rejection) {
		return switch (rejection.reason()) {
			case INVALID -> invalidToken();
			case EXPIRED -> ProblemException.of(HttpStatus.UNAUTHORIZED)
				.type(TOKEN_EXPIRED)
				.title("Access token expired")
				.detail("The access token expired; refresh it and retry.")
				.header(HttpHeaders.WWW_AUTHENTICATE, BEARER_INVALID + ", error_description=\"expired\"")
				.header(REFRESH_NEEDED, "true")
				.build();
			case REVOKED -> ProblemException.of(HttpStatus.UNAUTHORIZED)
				.type(TOKEN_REVOKED)
				.title("Access token revoked")
				.detail("This session has ended; log in again.")
				.header(HttpHeaders.WWW_AUTHENTICATE, BEARER_INVALID + ", error_description=\"revoked\"")
				.header(RELOGIN_REQUIRED, "true")
				.build();
			case KEYS_UNAVAILABLE -> ProblemException.of(HttpStatus.SERVICE_UNAVAILABLE)
				.type(ProblemTypes.DOWNSTREAM)
				.title("Authentication unavailable")
				.detail("Access tokens cannot be verified right now; retry shortly.")
				.header(HttpHeaders.RETRY_AFTER, "5")
				.build();
		};
	}

	static ProblemException invalidToken() {
		return ProblemException.of(HttpStatus.UNAUTHORIZED)
			.type(INVALID_TOKEN)
			.title("Invalid access token")
			.detail("The access token is malformed, unverifiable or incomplete.")
			.header(HttpHeaders.WWW_AUTHENTICATE, BEARER_INVALID)
			.build();
	}

	static ProblemException rateLimited(RateLimit.Decision decision) {
		return ProblemException.of(HttpStatus.TOO_MANY_REQUESTS)
			.type(RATE_LIMITED)
			.title("Too many requests")
			.detail("Slow down; retry after " + decision.retryAfterSeconds() + " s.")
			.header(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()))
			.header(RATE_LIMIT_REMAINING, "0")
			.build();
	}

	static ProblemException payloadTooLarge(DataSize limit) {
		return ProblemException.of(HttpStatus.CONTENT_TOO_LARGE)
			.type(PAYLOAD_TOO_LARGE)
			.title("Request body too large")
			.detail("The request body exceeds " + limit.toKilobytes() + " KB.")
			.build();
	}

	static ProblemException originNotAllowed() {
		return ProblemException.of(HttpStatus.FORBIDDEN)
			.type(ORIGIN_NOT_ALLOWED)
			.title("Origin not allowed")
			.detail("This origin may not call the API from a browser.")
			.build();
	}

	static ProblemException invalidPath(String reason) {
		return ProblemException.of(HttpStatus.BAD_REQUEST)
			.type(INVALID_PATH)
			.title("Invalid path")
			.detail("The request path is not acceptable: " + reason + ".")
			.build();
	}

	static ProblemException revocationUnavailable() {
		return ProblemException.of(HttpStatus.SERVICE_UNAVAILABLE)
			.type(REVOCATION_UNAVAILABLE)
			.title("Logout unavailable")
			.detail("Sessions cannot be ended right now; nothing was changed. Retry shortly.")
			.header(HttpHeaders.RETRY_AFTER, "5")
			.build();
	}

	static ProblemException serviceUnavailable(String service) {
		return ProblemException.of(HttpStatus.SERVICE_UNAVAILABLE)
			.type(ProblemTypes.DOWNSTREAM)
			.title("Service unavailable")
			.detail("The " + service + " service is not reachable; retry shortly.")
			.build();
	}

	static ProblemException badGateway(String service) {
		return ProblemException.of(HttpStatus.BAD_GATEWAY)
			.type(ProblemTypes.DOWNSTREAM)
			.title("Bad gateway")
			.detail("The " + service + " service closed the connection before answering.")
			.build();
	}

}
