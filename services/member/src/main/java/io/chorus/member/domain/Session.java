package io.chorus.member.domain;

import java.time.Duration;

/**
 * What login and refresh hand out: a signed access token for the client and a refresh token
 * for the HttpOnly cookie.
 */
public record Session(String accessToken, Duration accessTokenLifetime, String refreshToken,
		Duration refreshTokenLifetime, MemberSummary member) {
}
