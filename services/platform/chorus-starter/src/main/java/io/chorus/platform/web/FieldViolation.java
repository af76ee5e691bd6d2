package io.chorus.platform.web;

/**
 * One rejected input field of a validation problem: {@code {"field": "...", "reason": "..."}}.
 *
 * @param field  path of the field as the client sent it, e.g. {@code items[0].name}
 * @param reason why it was rejected, phrased for the client
 */
public record FieldViolation(String field, String reason) {
}
