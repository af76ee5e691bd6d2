package io.chorus.chat.live;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PresenceTests {

	@Test
	void anEntryNamesItsMemberBeforeTheLastBar() {
		assertThat(Presence.memberOf("m-1|pod-a-1234")).isEqualTo("m-1");
		assertThat(Presence.memberOf("a:b|pod")).isEqualTo("a:b");
	}

}
