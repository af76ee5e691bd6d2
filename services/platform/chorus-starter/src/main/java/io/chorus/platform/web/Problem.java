package io.chorus.platform.web;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The RFC 9457 body every Chorus service answers errors with ({@code application/problem+json}).
 *
 * @param type     problem type URI ({@code about:blank} when the status says it all)
 * @param title    short summary, the same for every occurrence of the type
 * @param status   HTTP status code
 * @param detail   explanation of this occurrence, safe to show to the caller
 * @param instance the request path
 * @param traceId  the trace this request belongs to, to find the server-side logs
 * @param errors   rejected fields, only for validation problems
 */
@JsonPropertyOrder({ "type", "title", "status", "detail", "instance", "traceId", "errors" })
public record Problem(URI type, String title, int status, String detail, String instance, String traceId,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) List<FieldViolation> errors) {

	public Problem {
		errors = List.copyOf(errors);
	}

}
