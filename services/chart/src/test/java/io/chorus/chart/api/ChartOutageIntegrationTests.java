package io.chorus.chart.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.chorus.chart.testing.IntegrationTestBase;
import io.chorus.platform.events.CloudEvent;
import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import io.chorus.testkit.faults.FaultProxy;
import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chart while Redis, its only store, is unreachable: reads answer 503 with {@code Retry-After} in
 * bounded time, plays wait in Kafka (no dead letters), and everything is back, each play counted
 * once, when Redis is.
 */
@ChorusInfrastructure(value = { Infra.REDIS, Infra.KAFKA }, faults = Infra.REDIS)
class ChartOutageIntegrationTests extends IntegrationTestBase {

	@Autowired
	private MeterRegistry meters;

	@Test
	void readsAnswer503WhilePlaysWaitAndAreCountedOnceAfterwards(TestNamespace namespace) {
		String track = "t-" + UUID.randomUUID();
		FaultProxy redis = namespace.faultProxy(Infra.REDIS);
		redis.down();
		try {
			this.http.mutate()
				.responseTimeout(Duration.ofSeconds(9)) // below the gateway's 10 s
				.build()
				.get()
				.uri("/api/charts/daily?date=2027-01-05")
				.exchange()
				.expectStatus()
				.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectHeader()
				.exists(HttpHeaders.RETRY_AFTER);
			List<CloudEvent> plays = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				plays.add(this.music.played(track, Instant.parse("2027-01-05T10:00:00Z").plusSeconds(i)));
			}
			this.music.publish(plays);
			// longer than the consumer's retry budget (2 attempts), and nothing is dead-lettered meanwhile
			Awaitility.await()
				.during(Duration.ofSeconds(3))
				.atMost(Duration.ofSeconds(10))
				.until(() -> deadLettered() == 0);
		}
		finally {
			redis.up();
		}
		Awaitility.await()
			.atMost(Duration.ofSeconds(60))
			.ignoreExceptions() // until the clients have reconnected
			.until(() -> Long.valueOf(3).equals(plays("chart:daily:2027-01-05", track)));
		assertThat(ids(chart("/api/charts/daily?date=2027-01-05"))).contains(track);
		assertThat(deadLettered()).isZero();
		assertThat(plays("chart:daily:2027-01-05", track)).isEqualTo(3);
	}

	private double deadLettered() {
		var counter = this.meters.find("chorus.consumer.events").tag("outcome", "dead_lettered").counter();
		return (counter != null) ? counter.count() : 0;
	}

}
