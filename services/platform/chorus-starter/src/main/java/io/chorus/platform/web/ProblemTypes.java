package io.chorus.platform.web;

import java.net.URI;

/** Problem {@code type} URIs shared by every service, so clients can branch on them. */
public final class ProblemTypes {

	/** Generic: the status code and title say everything (RFC 9457 §4.2.1). */
	public static final URI BLANK = URI.create("about:blank");

	/** Request fields failed validation; {@code errors} lists them. */
	public static final URI VALIDATION = URI.create("urn:chorus:problem:validation");

	/** A present passport failed verification. */
	public static final URI INVALID_PASSPORT = URI.create("urn:chorus:problem:invalid-passport");

	/** A service this one depends on failed, was unreachable or too slow. */
	public static final URI DOWNSTREAM = URI.create("urn:chorus:problem:downstream");

	/** A data store this service needs is unreachable or too slow; {@code Retry-After} says when to retry. */
	public static final URI UNAVAILABLE = URI.create("urn:chorus:problem:unavailable");

	private ProblemTypes() {
	}

}
