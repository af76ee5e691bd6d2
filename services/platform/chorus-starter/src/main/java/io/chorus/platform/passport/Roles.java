package io.chorus.platform.passport;

/**
 * Every role a member can hold, spelled once. Member issues them in access tokens, the gateway
 * copies them into the passport, services check them with {@link Passports#requireRole(String)}
 * or {@link Passport#hasRole(String)}: the comparison is exact, so a differently cased literal
 * anywhere would silently never match.
 */
public final class Roles {

	/** Every signed-up member. */
	public static final String MEMBER = "member";

	/** Operators: moderation and dead-letter replay. Granted by operators, never by signup. */
	public static final String ADMIN = "admin";

	private Roles() {
	}

}
