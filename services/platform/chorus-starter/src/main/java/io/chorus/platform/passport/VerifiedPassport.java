package io.chorus.platform.passport;

/**
 * A passport together with the compact JWS it was read from; the compact form is what
 * service-to-service calls forward, so it travels with the principal in the Reactor context.
 */
record VerifiedPassport(Passport passport, String token) {

	@Override
	public String toString() {
		// The token is a bearer credential for up to a minute: keep it out of logs.
		return "VerifiedPassport[" + this.passport + "]";
	}

}
