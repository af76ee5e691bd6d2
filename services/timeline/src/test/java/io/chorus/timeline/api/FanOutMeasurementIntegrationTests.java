package io.chorus.timeline.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.chorus.timeline.testing.IntegrationTestBase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static io.chorus.timeline.testing.Events.newId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records (does not assert) how long one post takes to reach 1 000 followers' home feeds: from
 * the moment the event is acknowledged by Kafka until every feed holds it (polled), and the
 * service's own fan-out time ({@code chorus.timeline.fanout}). Figures go to the log and to
 * {@code target/fanout-measurement.txt}.
 */
@TestPropertySource(properties = "chorus.timeline.fan-out-threshold=100000")
class FanOutMeasurementIntegrationTests extends IntegrationTestBase {

	private static final Logger log = LoggerFactory.getLogger(FanOutMeasurementIntegrationTests.class);

	private static final int FOLLOWERS = 1000;

	@Autowired
	MeterRegistry meters;

	@Test
	void onePostReachesAThousandHomeFeeds() throws IOException {
		String author = newId();
		List<String> followers = new ArrayList<>();
		for (int i = 0; i < FOLLOWERS; i++) {
			String follower = newId();
			followers.add(follower);
			this.events.followed(follower, author);
		}
		this.events.flush();
		awaitFollowers(author, FOLLOWERS, Duration.ofMinutes(5));

		List<String> lines = new ArrayList<>();
		for (int run = 1; run <= 3; run++) {
			String post = newId();
			Timer timer = this.meters.get("chorus.timeline.fanout").timer();
			double fanOutBefore = timer.totalTime(TimeUnit.MILLISECONDS);
			this.events.postCreated(post, author, "to a thousand feeds " + run, Instant.now());
			this.events.flush();
			long start = System.nanoTime();
			Awaitility.await()
				.atMost(Duration.ofSeconds(120))
				.pollInterval(Duration.ofMillis(10))
				.until(() -> feedsHolding(followers, post) == FOLLOWERS);
			long endToEndMs = (System.nanoTime() - start) / 1_000_000;
			double fanOutMs = timer.totalTime(TimeUnit.MILLISECONDS) - fanOutBefore;
			String line = String.format("run %d: %d feeds, end-to-end (Kafka ack -> last feed, 10 ms polling) %d ms, "
					+ "service fan-out %.0f ms, %d cores, %s", run, FOLLOWERS, endToEndMs, fanOutMs,
					Runtime.getRuntime().availableProcessors(), System.getProperty("os.arch"));
			log.info("Fan-out measurement {}", line);
			lines.add(line);
			assertThat(feedsHolding(followers, post)).isEqualTo(FOLLOWERS);
		}
		Files.write(Path.of("target", "fanout-measurement.txt"), lines, StandardOpenOption.CREATE,
				StandardOpenOption.TRUNCATE_EXISTING);
	}

	private long feedsHolding(List<String> followers, String post) {
		Long count = Flux.fromIterable(followers)
			.flatMap((f) -> this.redis.opsForZSet().score(this.redisPrefix + "tl:home:" + f, post), 256)
			.count()
			.block(Duration.ofSeconds(30));
		return (count != null) ? count : 0;
	}

}
