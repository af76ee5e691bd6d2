package io.chorus.member.api;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * The {@code refresh_token} cookie: HttpOnly (no script reads it), Secure, SameSite=Strict (no
 * cross-site request carries it, so no CSRF surface) and scoped to {@code /api/auth}.
 */
final class RefreshCookie {

	static final String NAME = "refresh_token";

	static final String PATH = "/api/auth";

	private RefreshCookie() {
	}

	static ResponseCookie set(String token, Duration lifetime) {
		return base(token).maxAge(lifetime).build();
	}

	static ResponseCookie clear() {
		return base("").maxAge(Duration.ZERO).build();
	}

	static @Nullable String read(ServerRequest request) {
		HttpCookie cookie = request.cookies().getFirst(NAME);
		return (cookie != null && !cookie.getValue().isEmpty()) ? cookie.getValue() : null;
	}

	private static ResponseCookie.ResponseCookieBuilder base(String value) {
		return ResponseCookie.from(NAME, value).httpOnly(true).secure(true).sameSite("Strict").path(PATH);
	}

}
