package io.chorus.member.domain;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Argon2idHasherTests {

	private final Argon2idHasher hasher = new Argon2idHasher(new Argon2idHasher.Params(1024, 1, 1, 16, 32),
			new SecureRandom());

	@Test
	void hashIsSaltedPhcArgon2idAndVerifies() {
		String first = this.hasher.hash("correct horse 1");
		String second = this.hasher.hash("correct horse 1");
		assertThat(first).startsWith("$argon2id$v=19$m=1024,t=1,p=1$").isNotEqualTo(second);
		assertThat(this.hasher.matches("correct horse 1", first)).isTrue();
		assertThat(this.hasher.matches("correct horse 2", first)).isFalse();
	}

	@Test
	void verifiesWithTheParametersStoredInTheHash() {
		String cheap = this.hasher.hash("Password123");
		Argon2idHasher stronger = new Argon2idHasher(Argon2idHasher.Params.OWASP, new SecureRandom());
		assertThat(stronger.matches("Password123", cheap)).isTrue();
	}

	@Test
	void malformedHashNeverMatches() {
		assertThat(this.hasher.matches("x", "")).isFalse();
		assertThat(this.hasher.matches("x", "$2a$10$abcdefghijklmnopqrstuv")).isFalse();
		assertThat(this.hasher.matches("x", "$argon2i$v=19$m=1024,t=1,p=1$YWJj$YWJj")).isFalse();
	}

}
