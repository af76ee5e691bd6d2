package io.chorus.member.domain;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RefreshTokensTests {

	@Test
	void tokensAre256RandomBitsAndOnlyTheirHashIsKept() {
		RefreshTokens tokens = new RefreshTokens(new SecureRandom());
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < 100; i++) {
			String token = tokens.next();
			assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
			assertThat(RefreshTokens.looksValid(token)).isTrue();
			assertThat(seen.add(token)).isTrue();
		}
		String token = tokens.next();
		assertThat(RefreshTokens.hash(token)).hasSize(64).doesNotContain(token).isEqualTo(RefreshTokens.hash(token));
	}

	@Test
	void shapeCheck() {
		assertThat(RefreshTokens.looksValid("short")).isFalse();
		assertThat(RefreshTokens.looksValid("a".repeat(42) + "=")).isFalse();
		assertThat(RefreshTokens.looksValid("ä".repeat(43))).isFalse();
	}

}
