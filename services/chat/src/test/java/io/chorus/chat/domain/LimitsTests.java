package io.chorus.chat.domain;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.chorus.chat.live.MessagingTestAccess;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LimitsTests {

	@Test
	void idsArePrintableAsciiWithoutCharactersThatNeedEscaping() {
		assertThat(Limits.validId("01a2024b-7c1d-7000-8000-000000000001")).isTrue();
		assertThat(Limits.validId("d:ann:bob")).isTrue();
		assertThat(Limits.validId("x".repeat(64))).isTrue();
		assertThat(Limits.validId("x".repeat(65))).isFalse();
		assertThat(Limits.validId("")).isFalse();
		assertThat(Limits.validId("has space")).isFalse();
		assertThat(Limits.validId("quote\"")).isFalse();
		assertThat(Limits.validId("back\\slash")).isFalse();
		assertThat(Limits.validId("bar|pod")).isFalse();
		assertThat(Limits.validId("ünï")).isFalse();
	}

	@Test
	void aDirectRoomIdIsTheSameFromBothSides() {
		assertThat(Room.directId("ann", "bob")).isEqualTo(Room.directId("bob", "ann")).isEqualTo("d:ann:bob");
	}

	@Test
	void aMessageIdFollowsFromSenderAndClientMessageId() {
		assertThat(Message.idFor("ann", "c-1")).isEqualTo(Message.idFor("ann", "c-1"))
			.isNotEqualTo(Message.idFor("bob", "c-1"))
			.isNotEqualTo(Message.idFor("ann", "c-2"));
		// no concatenation ambiguity: ("a", "b\nc") differs from ("a\nb", "c") only if the separator is kept
		assertThat(Message.idFor("a", "bc")).isNotEqualTo(Message.idFor("ab", "c"));
	}

	@Test
	void offlineRecipientsAreTheOtherMembersWithoutPresence() {
		Room room = new Room("r", Room.GROUP, null, List.of("ann", "bob", "cid", "dan"), Instant.EPOCH, 3, null,
				Instant.EPOCH);
		assertThat(MessagingTestAccess.offline(room, "ann", Set.of("ann", "cid"))).containsExactly("bob", "dan");
	}

}
