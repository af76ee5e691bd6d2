package io.chorus.platform.events.replay;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayCommandTests {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void usageForIncompleteCommands() {
		assertThat(run()).isEqualTo(2);
		assertThat(run("dead-letters", "--topic", "content.events")).isEqualTo(2);
		assertThat(run("rewind", "--bootstrap-servers", "k:9092", "--topic", "t", "--group", "g")).isEqualTo(2);
		assertThat(run("purge", "--bootstrap-servers", "k:9092", "--topic", "t", "--group", "g")).isEqualTo(2);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("usage: dead-letters", "rewind");
		assertThat(this.out.size()).isZero();
	}

	private int run(String... args) {
		return ReplayCommand.run(args, new PrintStream(this.out), new PrintStream(this.err));
	}

}
