package io.chorus.gateway.domain;

/**
 * Why an access token was refused. A checked outcome of verification, never a bug: the edge turns
 * each reason into its 401/503 answer, so nothing about a bad token can surface as a 500.
 */
public final class TokenRejectedException extends RuntimeException {

	/** The client-visible classes of refusal; each maps to one response shape. */
	public enum Reason {

		/** Malformed, unknown key, bad signature, wrong issuer, missing or ill-typed claim. */
		INVALID,

		/** Signature and claims valid but past {@code exp}: the client should refresh. */
		EXPIRED,

		/** Revoked by logout, logout-all or deactivation: the client must log in again. */
		REVOKED,

		/** Member's keys could not be loaded at all, so no token can be judged. */
		KEYS_UNAVAILABLE

	}

	private final Reason reason;

	public TokenRejectedException(Reason reason, String detail) {
		// An expected outcome: no stack trace to fill.
		super(detail, null, false, false);
		this.reason = reason;
	}

	public Reason reason() {
		return this.reason;
	}

}
