package io.chorus.member.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MemberRulesTests {

	@Test
	void emailsAndHandlesAreComparedLowerCased() {
		assertThat(MemberRules.normalizeEmail("  Ann@Example.ORG ")).isEqualTo("ann@example.org");
		assertThat(MemberRules.normalizeHandle("Ann_99")).isEqualTo("ann_99");
	}

	@Test
	void email() {
		assertThat(check(MemberRules::email, "ann@example.org")).isEmpty();
		assertThat(check(MemberRules::email, "ann@example")).containsExactly("email");
		assertThat(check(MemberRules::email, "ann example@x.org")).containsExactly("email");
		assertThat(check(MemberRules::email, "a".repeat(250) + "@x.org")).containsExactly("email");
		assertThat(check(MemberRules::email, null)).containsExactly("email");
	}

	@Test
	void handle() {
		assertThat(check(MemberRules::handle, "ann_99")).isEmpty();
		assertThat(check(MemberRules::handle, "an")).containsExactly("handle");
		assertThat(check(MemberRules::handle, "a".repeat(31))).containsExactly("handle");
		assertThat(check(MemberRules::handle, "ann-99")).containsExactly("handle");
		assertThat(check(MemberRules::handle, "Ann")).containsExactly("handle");
	}

	@Test
	void displayNameBioAndAvatar() {
		assertThat(check(MemberRules::displayName, "Ann")).isEmpty();
		assertThat(check(MemberRules::displayName, " ")).containsExactly("displayName");
		assertThat(check(MemberRules::displayName, "x".repeat(61))).containsExactly("displayName");
		assertThat(check(MemberRules::displayName, "a\u0000b")).containsExactly("displayName");
		assertThat(check(MemberRules::bio, "x".repeat(280))).isEmpty();
		assertThat(check(MemberRules::bio, "x".repeat(281))).containsExactly("bio");
		assertThat(check(MemberRules::avatarUrl, "https://cdn.example.org/a.png")).isEmpty();
		assertThat(check(MemberRules::avatarUrl, "file:///etc/passwd")).containsExactly("avatarUrl");
		assertThat(check(MemberRules::avatarUrl, "https://user:pw@example.org/")).containsExactly("avatarUrl");
		assertThat(check(MemberRules::avatarUrl, "not a url")).containsExactly("avatarUrl");
	}

	@Test
	void memberIdsAreLowerCaseUuids() {
		assertThat(MemberRules.isMemberId("0190a7e2-3b4c-7d5e-8f60-1a2b3c4d5e6f")).isTrue();
		assertThat(MemberRules.isMemberId("0190A7E2-3B4C-7D5E-8F60-1A2B3C4D5E6F")).isFalse();
		assertThat(MemberRules.isMemberId("me")).isFalse();
	}

	private static List<String> check(BiConsumer<String, List<Violation>> rule, String value) {
		List<Violation> out = new ArrayList<>();
		rule.accept(value, out);
		return out.stream().map(Violation::field).toList();
	}

}
