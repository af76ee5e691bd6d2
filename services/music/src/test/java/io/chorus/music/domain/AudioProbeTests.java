package io.chorus.music.domain;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.chorus.platform.web.ProblemException;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class AudioProbeTests {

	/** A parse that does not finish (a crafted file that makes the parser loop, a stalled volume). */
	@Test
	void aProbeThatDoesNotFinishInTimeIsAnUnreadableFile() {
		CountDownLatch never = new CountDownLatch(1);
		try {
			StepVerifier.create(AudioProbe.probe(() -> {
				never.await(30, TimeUnit.SECONDS);
				throw new IllegalStateException("not reached in time");
			}, Duration.ofMillis(300)))
				.expectErrorSatisfies((ex) -> {
					assertThat(ex).isInstanceOf(ProblemException.class);
					assertThat(((ProblemException) ex).status().value()).isEqualTo(415);
					assertThat(((ProblemException) ex).errors()).singleElement()
						.satisfies((error) -> assertThat(error.field()).isEqualTo("file"));
				})
				.verify(Duration.ofSeconds(30));
		}
		finally {
			never.countDown();
		}
	}

}
