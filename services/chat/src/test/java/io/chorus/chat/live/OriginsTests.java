package io.chorus.chat.live;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OriginsTests {

	private final Origins origins = new Origins("https://chorus.example", List.of("http://localhost:5173"));

	@Test
	void thePublicOriginAndTheAllowListAreAccepted() {
		assertThat(this.origins.accepts("https://chorus.example")).isTrue();
		assertThat(this.origins.accepts("HTTPS://Chorus.Example/")).isTrue();
		assertThat(this.origins.accepts("http://localhost:5173")).isTrue();
	}

	@Test
	void anythingElseIsRefusedButNoOriginIsLeftToTheTicket() {
		assertThat(this.origins.accepts("https://evil.example")).isFalse();
		assertThat(this.origins.accepts("http://chorus.example")).isFalse();
		assertThat(this.origins.accepts("https://chorus.example.evil.example")).isFalse();
		assertThat(this.origins.accepts("null")).isFalse();
		assertThat(this.origins.accepts(null)).isTrue();
	}

}
