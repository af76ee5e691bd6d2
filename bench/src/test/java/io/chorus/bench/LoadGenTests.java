package io.chorus.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The smoke run that {@code ./mvnw verify} includes: seconds long, loadgen (built by this module's
 * compile phase) against an in-process server. It checks what the engine counts and measures,
 * never how fast anything is.
 */
class LoadGenTests {

	private static final Path BINARY = Path.of("target", "loadgen");

	private final LoadGen engine = new LoadGen(BINARY, 16, 1, Duration.ofSeconds(5));

	@Test
	void sendsExactlyTheScheduledRequestsAndRecordsEachAnswer() {
		try (HelloServer server = HelloServer.start(0)) {
			LoadGen.Result result = this.engine.run(hello(server), 200, Duration.ofMillis(1500));
			assertThat(result.sent()).isEqualTo(300);
			assertThat(result.ok()).isEqualTo(300);
			assertThat(result.errors()).isZero();
			assertThat(result.p50()).isPositive().isLessThanOrEqualTo(result.p99());
			assertThat(result.p99()).isLessThanOrEqualTo(result.max());
			assertThat(result.generatorCpuSeconds()).isNotNegative();
		}
	}

	@Test
	void twoThreadsShareTheScheduleWithoutLosingOrDoublingRequests() {
		LoadGen twoThreads = new LoadGen(BINARY, 8, 2, Duration.ofSeconds(5));
		try (HelloServer server = HelloServer.start(0)) {
			LoadGen.Result result = twoThreads.run(hello(server), 301, Duration.ofSeconds(1));
			assertThat(result.sent()).isEqualTo(301);
			assertThat(result.ok()).isEqualTo(301);
		}
	}

	@Test
	void latencyCountsFromTheIntendedSendTimeSoQueueingIsNotHidden() {
		// One connection and at least 20 ms per answer: at most 50 answers/s while 100/s are
		// offered. Timed from the actual send, every answer would take about 20 ms. From the
		// intended send time, request i cannot finish before 20 ms * (i + 1) but was due at
		// 10 ms * i: its latency is at least 10 ms * i + 20 ms (more on a busy machine, never less).
		LoadGen oneConnection = new LoadGen(BINARY, 1, 1, Duration.ofSeconds(60));
		try (HelloServer server = HelloServer.start(0, Duration.ofMillis(20))) {
			LoadGen.Result result = oneConnection.run(hello(server), 100, Duration.ofSeconds(1));
			assertThat(result.ok()).isEqualTo(100);
			assertThat(result.p50()).isGreaterThan(500);
			assertThat(result.max()).isGreaterThan(1000);
		}
	}

	@Test
	void unansweredRequestsAndErrorStatusesAreErrorsNotSilence() {
		try (HelloServer server = HelloServer.start(0)) {
			LoadGen.Target missing = LoadGen.target("missing", "http://127.0.0.1:" + server.port(), 2,
					(i) -> LoadGen.Request.get((i == 0) ? "/hello" : "/nowhere", null));
			LoadGen.Result result = this.engine.run(missing, 100, Duration.ofSeconds(1));
			assertThat(result.sent()).isEqualTo(100);
			assertThat(result.ok()).isEqualTo(50);
			assertThat(result.errors()).isEqualTo(50);
		}
		LoadGen impatient = new LoadGen(BINARY, 4, 1, Duration.ofMillis(300));
		try (HelloServer server = HelloServer.start(0, Duration.ofSeconds(30))) {
			LoadGen.Result result = impatient.run(hello(server), 20, Duration.ofMillis(500));
			assertThat(result.ok()).isZero();
			assertThat(result.errors()).isEqualTo(10);
		}
	}

	@Test
	void closedLoopKeepsEveryConnectionBusyForTheDuration() {
		// One connection, 20 ms per answer: a closed loop gets about 50 answers a second, whatever
		// the rate, and its latencies are service times (about 20 ms), not queueing.
		LoadGen oneConnection = new LoadGen(BINARY, 1, 1, Duration.ofSeconds(5));
		try (HelloServer server = HelloServer.start(0, Duration.ofMillis(20))) {
			LoadGen.Result result = oneConnection.closedLoop(hello(server), Duration.ofSeconds(1));
			// 1 s / 20 ms = 50, plus the one still in flight when the second ends
			assertThat(result.ok()).isBetween(5L, 51L);
			assertThat(result.errors()).isZero();
			assertThat(result.p50()).isGreaterThanOrEqualTo(20).isLessThan(500);
		}
	}

	@Test
	void rendersRequestsWithTokenAndJsonBody(@TempDir Path directory) {
		String post = LoadGen.Request.postJson("/api/posts", "t0k", Map.of("text", "hé")).render("127.0.0.1:8080");
		assertThat(post).startsWith("POST /api/posts HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n")
			.contains("Authorization: Bearer t0k\r\n")
			.contains("Content-Type: application/json\r\nContent-Length: 14\r\n\r\n{\"text\":\"hé\"}");
		assertThat(LoadGen.Request.get("/x", null).render("h:1")).isEqualTo(
				"GET /x HTTP/1.1\r\nHost: h:1\r\nAccept: application/json\r\n\r\n");
	}

	@Test
	void bisectionFindsTheRateOneSlowConnectionSustains() {
		// One connection, 20 ms per answer: at most 50/s. Bisection from the capacity probe must
		// end near that (a short step hides a slight overload) and above a tenth of it.
		LoadGen oneConnection = new LoadGen(BINARY, 1, 1, Duration.ofSeconds(10));
		RateSearch search = new RateSearch(oneConnection, new CpuMeter(Path.of("target", "no-such-run-dir")),
				new RateSearch.Settings(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(3), 200, 0.001, 2,
						4, 0.05));
		try (HelloServer server = HelloServer.start(0, Duration.ofMillis(20))) {
			RateSearch.Outcome outcome = search.search(hello(server), 10);
			assertThat(outcome.repetitions()).hasSize(2);
			// a 2 s step absorbs a few percent of overload within the p99 limit: allow 10 % above 50/s
			assertThat(outcome.maxRate()).isGreaterThan(5).isLessThanOrEqualTo(55);
			assertThat(outcome.repetitions()).allSatisfy((repetition) -> assertThat(repetition.steps()).hasSizeLessThanOrEqualTo(4));
			assertThat(outcome.half()).isNotNull();
		}
	}

	private static LoadGen.Target hello(HelloServer server) {
		return LoadGen.target("hello", "http://127.0.0.1:" + server.port(), 1, (i) -> LoadGen.Request.get("/hello", null));
	}

}
