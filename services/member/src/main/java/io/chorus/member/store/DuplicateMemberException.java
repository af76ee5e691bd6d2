package io.chorus.member.store;

import java.util.Locale;

import org.springframework.dao.DataIntegrityViolationException;

/**
 * A unique key on {@code member} refused a write: the email or the handle is taken. This is the
 * race-proof check; the pre-check in the signup flow only makes the common case friendlier.
 */
public final class DuplicateMemberException extends RuntimeException {

	private final String field;

	private DuplicateMemberException(String field) {
		super(field + " is taken", null, false, false);
		this.field = field;
	}

	/** {@code email} or {@code handle}. */
	public String field() {
		return this.field;
	}

	static boolean isDuplicate(Throwable ex) {
		return ex instanceof DataIntegrityViolationException && message(ex).contains("duplicate");
	}

	static DuplicateMemberException from(Throwable ex) {
		return new DuplicateMemberException(message(ex).contains("uk_member_email") ? "email" : "handle");
	}

	private static String message(Throwable ex) {
		StringBuilder all = new StringBuilder();
		for (Throwable t = ex; t != null; t = t.getCause()) {
			all.append(t.getMessage()).append(' ');
		}
		return all.toString().toLowerCase(Locale.ROOT);
	}

}
