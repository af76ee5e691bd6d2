package io.chorus.gateway.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CanonicalPathTests {

	@ParameterizedTest
	@CsvSource({ "/api/auth/login, /api/auth/login", "/api/auth;x/login, /api/auth/login",
			"/api/auth/logout;jsessionid=1, /api/auth/logout", "/api/%61uth/login, /api/auth/login",
			"/api/%61%75th/%6cogin, /api/auth/login", "//api//auth///login, /api/auth/login",
			"/api/posts/, /api/posts/", "/, /", "/api/search/hello%20world, /api/search/hello%20world",
			"/api/members/@ada, /api/members/@ada", "/api/x/caf%c3%a9, /api/x/caf%C3%A9",
			"/api/tracks/a%3Bb, /api/tracks/a%3Bb" })
	void oneSpellingPerPath(String raw, String canonical) {
		assertThat(CanonicalPath.of(raw)).isEqualTo(canonical);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/../api/auth/login", "/api/./auth/login", "/api/%2e%2e/auth/login",
			"/api/%2E/auth", "/api/auth%2flogin", "/api/auth%2Flogin", "/api/auth%5clogin", "/api\\auth",
			"/api/%00/x", "/api/%zz/x", "/api/x%4", "api/no-leading-slash", "/api/..;x/auth" })
	void pathsThatCouldMeanAnotherPathAreRefused(String raw) {
		assertThatIllegalArgumentException().isThrownBy(() -> CanonicalPath.of(raw));
	}

}
