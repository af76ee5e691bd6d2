package io.chorus.bench;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The smoke run that {@code ./mvnw verify} includes: seconds long, against an in-process server.
 * It checks what the generator counts and measures, never how fast anything is.
 */
class OpenLoopTests {

	private final OpenLoop loop = new OpenLoop(Duration.ofSeconds(5), 10_000);

	@Test
	void sendsExactlyTheScheduledRequestsAndRecordsEachAnswer() {
		try (HelloServer server = HelloServer.start(0)) {
			HttpClient client = Http.client(server.baseUrl(), 16);
			OpenLoop.Result result = this.loop.run("hello", 200, Duration.ofMillis(1500), (i) -> get(client));
			assertThat(result.sent()).isEqualTo(300);
			assertThat(result.ok()).isEqualTo(300);
			assertThat(result.errors()).isZero();
			assertThat(result.recorded()).isEqualTo(300);
			assertThat(result.p50()).isPositive().isLessThanOrEqualTo(result.p99());
			assertThat(result.p99()).isLessThanOrEqualTo(result.max());
		}
	}

	@Test
	void latencyCountsFromTheIntendedSendTimeSoQueueingIsNotHidden() {
		// One connection and at least 20 ms per answer: at most 50 answers/s while 100/s are
		// offered. Timed from the actual send, every answer would take about 20 ms. From the
		// intended send time, request i cannot finish before 20 ms * (i + 1) but was due at
		// 10 ms * i: its latency is at least 10 ms * i + 20 ms (more on a busy machine, never less).
		OpenLoop patient = new OpenLoop(Duration.ofSeconds(60), 10_000);
		try (HelloServer server = HelloServer.start(0, Duration.ofMillis(20))) {
			HttpClient client = Http.client(server.baseUrl(), 1);
			OpenLoop.Result result = patient.run("stalled", 100, Duration.ofSeconds(1), (i) -> get(client));
			assertThat(result.ok()).isEqualTo(100);
			assertThat(result.p50()).isGreaterThan(500);
			assertThat(result.max()).isGreaterThan(1000);
		}
	}

	@Test
	void failuresAndTimeoutsAreErrorsNotSilence() {
		OpenLoop impatient = new OpenLoop(Duration.ofMillis(200), 10_000);
		OpenLoop.Result result = impatient.run("failing", 100, Duration.ofMillis(500),
				(i) -> (i % 2 == 0) ? Mono.just(false) : Mono.never());
		assertThat(result.sent()).isEqualTo(50);
		assertThat(result.ok()).isZero();
		assertThat(result.errors()).isEqualTo(50);
	}

	@Test
	void rateSearchStopsAtTheFirstStepThatMissesTheTarget() {
		try (HelloServer server = HelloServer.start(0, Duration.ofMillis(20))) {
			HttpClient client = Http.client(server.baseUrl(), 1);
			OpenLoop patient = new OpenLoop(Duration.ofSeconds(60), 10_000);
			RateSearch search = new RateSearch(patient, Duration.ZERO, Duration.ofSeconds(1), 1000, 0.001);
			RateSearch.Outcome outcome = search.search("steps", List.of(5.0, 200.0, 400.0), (i) -> get(client));
			// 5/s fits one 20 ms connection; 200/s cannot (request i waits at least 15 ms * i, so
			// p99 is over 2.9 s): the search stops there and 400/s never runs.
			assertThat(outcome.maxRate()).isEqualTo(5.0);
			assertThat(outcome.steps()).hasSize(2);
		}
	}

	private static Mono<Boolean> get(HttpClient client) {
		return client.get().uri("/hello").responseSingle((response, body) -> body.asString()
			.map((text) -> response.status().code() == 200 && text.equals("hello")));
	}

}
