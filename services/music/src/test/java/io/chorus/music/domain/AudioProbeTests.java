package io.chorus.music.domain;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.chorus.platform.web.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class AudioProbeTests {

	@TempDir
	Path dir;

	/** A FIFO with no writer: opening it blocks, as a parser stuck on a crafted or stalled file would. */
	@Test
	void aProbeThatDoesNotFinishInTimeIsAnUnreadableFile() throws Exception {
		Path stuck = this.dir.resolve("stuck.wav");
		Process mkfifo = new ProcessBuilder("mkfifo", stuck.toString()).start();
		assertThat(mkfifo.waitFor()).isZero();
		try {
			StepVerifier.create(AudioProbe.probe(stuck, Duration.ofMillis(300)))
				.expectErrorSatisfies((ex) -> {
					assertThat(ex).isInstanceOf(ProblemException.class);
					assertThat(((ProblemException) ex).status().value()).isEqualTo(415);
				})
				.verify(Duration.ofSeconds(30));
		}
		finally {
			// Lets the parser's thread go (opening a FIFO for writing waits for its reader, so a daemon).
			Thread unblock = new Thread(() -> {
				try (OutputStream out = Files.newOutputStream(stuck)) {
					out.write(new byte[] { 0 });
				}
				catch (IOException ex) {
					// the reader has gone already
				}
			});
			unblock.setDaemon(true);
			unblock.start();
			unblock.join(5000);
		}
	}

}
