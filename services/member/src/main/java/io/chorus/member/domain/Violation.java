package io.chorus.member.domain;

/** One rejected input field, independent of how the web layer renders it. */
public record Violation(String field, String reason) {
}
