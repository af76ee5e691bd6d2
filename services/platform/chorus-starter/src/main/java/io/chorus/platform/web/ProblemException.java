package io.chorus.platform.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * Throw (or {@code Mono.error}) this from any handler to answer with a specific problem+json.
 * The global error handler renders it as-is: status, type, title, detail, field errors, headers.
 *
 * <pre>{@code
 * throw ProblemException.of(HttpStatus.CONFLICT).detail("handle is taken").build();
 * }</pre>
 */
public class ProblemException extends RuntimeException {

	private final HttpStatusCode status;

	private final URI type;

	private final String title;

	private final String detail;

	private final List<FieldViolation> errors;

	private final HttpHeaders headers;

	protected ProblemException(Builder builder) {
		// Client errors are expected outcomes: skip the stack trace, nobody reads it.
		super(builder.detail, builder.cause, false, builder.status.is5xxServerError());
		this.status = builder.status;
		this.type = builder.type;
		this.title = (builder.title != null) ? builder.title : defaultTitle(builder.status);
		this.detail = builder.detail;
		this.errors = List.copyOf(builder.errors);
		this.headers = HttpHeaders.readOnlyHttpHeaders(builder.headers);
	}

	public static Builder of(HttpStatusCode status) {
		return new Builder(status);
	}

	/** A 400 validation problem listing the rejected fields. */
	public static ProblemException validation(List<FieldViolation> errors) {
		return of(HttpStatus.BAD_REQUEST).type(ProblemTypes.VALIDATION)
			.title("Validation failed")
			.detail("The request has invalid fields.")
			.errors(errors)
			.build();
	}

	public static ProblemException badRequest(String detail) {
		return of(HttpStatus.BAD_REQUEST).detail(detail).build();
	}

	public static ProblemException notFound(String detail) {
		return of(HttpStatus.NOT_FOUND).detail(detail).build();
	}

	public static ProblemException conflict(String detail) {
		return of(HttpStatus.CONFLICT).detail(detail).build();
	}

	public static ProblemException forbidden(String detail) {
		return of(HttpStatus.FORBIDDEN).detail(detail).build();
	}

	static String defaultTitle(HttpStatusCode status) {
		HttpStatus known = HttpStatus.resolve(status.value());
		return (known != null) ? known.getReasonPhrase() : "HTTP " + status.value();
	}

	public HttpStatusCode status() {
		return this.status;
	}

	public URI type() {
		return this.type;
	}

	public String title() {
		return this.title;
	}

	public String detail() {
		return this.detail;
	}

	public List<FieldViolation> errors() {
		return this.errors;
	}

	/** Extra response headers, e.g. {@code WWW-Authenticate} or {@code Allow}. */
	public HttpHeaders headers() {
		return this.headers;
	}

	/** Builds a {@link ProblemException}; only the status is required. */
	public static final class Builder {

		private final HttpStatusCode status;

		private URI type = ProblemTypes.BLANK;

		private @Nullable String title;

		private String detail;

		private final List<FieldViolation> errors = new ArrayList<>();

		private final HttpHeaders headers = new HttpHeaders();

		private @Nullable Throwable cause;

		private Builder(HttpStatusCode status) {
			this.status = status;
			this.detail = defaultTitle(status);
		}

		public Builder type(URI type) {
			this.type = type;
			return this;
		}

		public Builder title(String title) {
			this.title = title;
			return this;
		}

		public Builder detail(String detail) {
			this.detail = detail;
			return this;
		}

		public Builder error(String field, String reason) {
			this.errors.add(new FieldViolation(field, reason));
			return this;
		}

		public Builder errors(List<FieldViolation> errors) {
			this.errors.addAll(errors);
			return this;
		}

		public Builder header(String name, String value) {
			this.headers.add(name, value);
			return this;
		}

		public Builder headers(HttpHeaders headers) {
			this.headers.addAll(headers);
			return this;
		}

		/** Kept for server-side logs only; never rendered to the client. */
		public Builder cause(Throwable cause) {
			this.cause = cause;
			return this;
		}

		public ProblemException build() {
			return new ProblemException(this);
		}

	}

}
