package io.chorus.member.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTests {

	@Test
	void lengthIsTenToOneHundredTwentyEightCodePoints() {
		assertThat(PasswordPolicy.check("Abcdefgh1")).isPresent();
		assertThat(PasswordPolicy.check("Abcdefgh12")).isEmpty();
		assertThat(PasswordPolicy.check("A" + "b".repeat(127))).isEmpty();
		assertThat(PasswordPolicy.check("A" + "b".repeat(128))).isPresent();
		// 10 emoji are 20 chars but 10 code points, and one class ("other") only.
		assertThat(PasswordPolicy.check("😀".repeat(9) + "a")).isEmpty();
	}

	@Test
	void needsMoreThanOneCharacterClass() {
		assertThat(PasswordPolicy.check("aaaaaaaaaaaa")).hasValueSatisfying((r) -> assertThat(r).contains("two"));
		assertThat(PasswordPolicy.check("123456789012")).isPresent();
		assertThat(PasswordPolicy.check("ABCDEFGHIJKL")).isPresent();
		assertThat(PasswordPolicy.check("!@#$%^&*()_+")).isPresent();
		assertThat(PasswordPolicy.check("abcdefghij1")).isEmpty();
		assertThat(PasswordPolicy.check("abcdefghij!")).isEmpty();
	}

}
