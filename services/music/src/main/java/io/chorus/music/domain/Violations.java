package io.chorus.music.domain;

import java.util.ArrayList;
import java.util.List;

import io.chorus.platform.web.FieldViolation;
import io.chorus.platform.web.ProblemException;
import org.jspecify.annotations.Nullable;

/** Collects field errors and throws one 400 problem with all of them. */
public final class Violations {

	private final List<FieldViolation> errors = new ArrayList<>();

	public Violations add(String field, String reason) {
		this.errors.add(new FieldViolation(field, reason));
		return this;
	}

	/** Stripped text of 1..max characters; null (and an error) otherwise. */
	public @Nullable String requiredText(String field, @Nullable String value, int max) {
		if (value == null || value.isBlank()) {
			add(field, "must not be blank");
			return null;
		}
		return optionalText(field, value, max);
	}

	/** Stripped text of at most max characters, or null when absent/blank. */
	public @Nullable String optionalText(String field, @Nullable String value, int max) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String stripped = value.strip();
		if (stripped.codePointCount(0, stripped.length()) > max) {
			add(field, "must be at most " + max + " characters");
			return null;
		}
		return stripped;
	}

	public boolean isEmpty() {
		return this.errors.isEmpty();
	}

	public void throwIfAny() {
		if (!this.errors.isEmpty()) {
			throw ProblemException.validation(List.copyOf(this.errors));
		}
	}

	public static ProblemException single(String field, String reason) {
		return ProblemException.validation(List.of(new FieldViolation(field, reason)));
	}

}
