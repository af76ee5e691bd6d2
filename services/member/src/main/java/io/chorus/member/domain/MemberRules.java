package io.chorus.member.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Field rules for accounts and profiles. Emails and handles are compared case-insensitively, so
 * both are stored lower-cased; the database's unique keys then guard against races.
 */
public final class MemberRules {

	public static final int EMAIL_MAX = 254;

	public static final int DISPLAY_NAME_MAX = 60;

	public static final int BIO_MAX = 280;

	public static final int AVATAR_URL_MAX = 2048;

	private static final Pattern HANDLE = Pattern.compile("^[a-z0-9_]{3,30}$");

	// Deliberately simple: one @, no whitespace, a dot in the domain. Deliverability is proven by
	// mail, not by regex.
	private static final Pattern EMAIL = Pattern.compile("^[^\\s@]{1,64}@[^\\s@.]+(\\.[^\\s@.]+)+$");

	private static final Pattern MEMBER_ID = Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

	private MemberRules() {
	}

	public static String normalizeEmail(String email) {
		return email.strip().toLowerCase(Locale.ROOT);
	}

	public static String normalizeHandle(String handle) {
		return handle.strip().toLowerCase(Locale.ROOT);
	}

	public static boolean isMemberId(String id) {
		return MEMBER_ID.matcher(id).matches();
	}

	/** Adds a violation for {@code email} (already normalized) to {@code out} if it is invalid. */
	public static void email(@Nullable String email, List<Violation> out) {
		if (email == null || email.isEmpty()) {
			out.add(new Violation("email", "is required"));
		}
		else if (email.length() > EMAIL_MAX) {
			out.add(new Violation("email", "must be at most " + EMAIL_MAX + " characters"));
		}
		else if (!EMAIL.matcher(email).matches()) {
			out.add(new Violation("email", "is not an email address"));
		}
	}

	public static void password(@Nullable String password, List<Violation> out) {
		if (password == null || password.isEmpty()) {
			out.add(new Violation("password", "is required"));
			return;
		}
		PasswordPolicy.check(password).ifPresent((reason) -> out.add(new Violation("password", reason)));
	}

	/** {@code handle} must already be normalized. */
	public static void handle(@Nullable String handle, List<Violation> out) {
		if (handle == null || handle.isEmpty()) {
			out.add(new Violation("handle", "is required"));
		}
		else if (!HANDLE.matcher(handle).matches()) {
			out.add(new Violation("handle", "must be 3 to 30 of a-z, 0-9 and _"));
		}
	}

	public static void displayName(@Nullable String displayName, List<Violation> out) {
		if (displayName == null || displayName.isBlank()) {
			out.add(new Violation("displayName", "is required"));
		}
		else if (length(displayName) > DISPLAY_NAME_MAX) {
			out.add(new Violation("displayName", "must be at most " + DISPLAY_NAME_MAX + " characters"));
		}
		else if (hasControl(displayName)) {
			out.add(new Violation("displayName", "must not contain control characters"));
		}
	}

	public static void bio(@Nullable String bio, List<Violation> out) {
		if (bio != null && length(bio) > BIO_MAX) {
			out.add(new Violation("bio", "must be at most " + BIO_MAX + " characters"));
		}
	}

	/**
	 * An absolute http(s) URL. It is only ever handed to clients, never fetched by Chorus servers
	 * (no server-side request forgery surface).
	 */
	public static void avatarUrl(@Nullable String url, List<Violation> out) {
		if (url == null) {
			return;
		}
		if (url.length() > AVATAR_URL_MAX) {
			out.add(new Violation("avatarUrl", "must be at most " + AVATAR_URL_MAX + " characters"));
			return;
		}
		try {
			URI uri = new URI(url);
			String scheme = uri.getScheme();
			if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))
					|| uri.getHost() == null || uri.getUserInfo() != null) {
				out.add(new Violation("avatarUrl", "must be an absolute http(s) URL without credentials"));
			}
		}
		catch (URISyntaxException ex) {
			out.add(new Violation("avatarUrl", "is not a valid URL"));
		}
	}

	private static int length(String value) {
		return value.codePointCount(0, value.length());
	}

	private static boolean hasControl(String value) {
		return value.codePoints().anyMatch(Character::isISOControl);
	}

}
