package io.chorus.platform.client;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Retries, circuit breaker, bulkhead, timeout and fallback of service clients, counted against a
 * real local server (every path answers 503 unless named otherwise).
 */
class ServiceClientsResilienceTests {

	private static final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

	private static final DisposableServer server = HttpServer.create()
		.host("127.0.0.1")
		.port(0)
		.handle((request, response) -> {
			String path = request.path();
			attempts.computeIfAbsent(request.method().name() + " /" + path, (key) -> new AtomicInteger()).incrementAndGet();
			if (path.startsWith("missing")) {
				return response.status(404).send();
			}
			if (path.startsWith("ok")) {
				return response.sendString(Mono.just("fine"));
			}
			if (path.startsWith("hold")) {
				return response.sendString(Mono.delay(Duration.ofSeconds(3)).thenReturn("late"));
			}
			return response.status(503).sendString(Mono.just("upstream connect error"));
		})
		.bindNow();

	private final MeterRegistry meters = new SimpleMeterRegistry();

	@AfterAll
	static void stop() {
		server.disposeNow();
	}

	private static ClientProperties properties(int retries, ClientProperties.CircuitBreaker breaker, int bulkhead,
			Duration timeout) {
		return new ClientProperties(Duration.ofSeconds(1), Duration.ofSeconds(5), timeout,
				new ClientProperties.Retry(retries, Duration.ofMillis(10), Duration.ofMillis(50)), breaker,
				new ClientProperties.Bulkhead(true, bulkhead));
	}

	private static final ClientProperties.CircuitBreaker LENIENT_BREAKER = new ClientProperties.CircuitBreaker(true, 50,
			100, 100, Duration.ofMinutes(1), 1);

	private ServiceClients clients(ClientProperties properties) {
		return new ServiceClients(ServiceClients.template(properties, new JsonMapper()),
				new ClientResilience(properties, this.meters), this.meters);
	}

	private WebClient client(ClientProperties properties) {
		return clients(properties).create("http://127.0.0.1:" + server.port());
	}

	private static int attempts(String key) {
		AtomicInteger count = attempts.get(key);
		return (count != null) ? count.get() : 0;
	}

	private static void expectStatus(Mono<?> call, int status) {
		StepVerifier.create(call)
			.expectErrorSatisfies((ex) -> assertThat(((DownstreamProblemException) ex).status().value()).isEqualTo(status))
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void idempotentGetIsTriedOncePlusTheConfiguredRetries() {
		WebClient client = client(properties(1, LENIENT_BREAKER, 10, Duration.ofSeconds(2)));
		expectStatus(client.get().uri("/get-default").retrieve().bodyToMono(String.class), 502);
		assertThat(attempts("GET /get-default")).isEqualTo(2);
		assertThat(this.meters.counter("chorus.client.retries", "service", "127.0.0.1").count()).isEqualTo(1);

		WebClient three = client(properties(3, LENIENT_BREAKER, 10, Duration.ofSeconds(2)));
		expectStatus(three.get().uri("/get-three").retrieve().bodyToMono(String.class), 502);
		assertThat(attempts("GET /get-three")).isEqualTo(4);
	}

	@Test
	void postIsNeverRetried() {
		WebClient client = client(properties(3, LENIENT_BREAKER, 10, Duration.ofSeconds(2)));
		expectStatus(client.post().uri("/post").bodyValue("{}").retrieve().bodyToMono(String.class), 502);
		expectStatus(client.post().uri("/post-flagged").attributes(ServiceClients.idempotent()).bodyValue("{}")
			.retrieve().bodyToMono(String.class), 502);
		assertThat(attempts("POST /post")).isEqualTo(1);
		assertThat(attempts("POST /post-flagged")).isEqualTo(1);
	}

	@Test
	void putAndDeleteAreRetriedOnlyWhenFlaggedIdempotent() {
		WebClient client = client(properties(1, LENIENT_BREAKER, 10, Duration.ofSeconds(2)));
		expectStatus(client.put().uri("/put").bodyValue("{}").retrieve().bodyToMono(String.class), 502);
		expectStatus(client.put().uri("/put-flagged").attributes(ServiceClients.idempotent()).bodyValue("{}")
			.retrieve().bodyToMono(String.class), 502);
		expectStatus(client.delete().uri("/delete-flagged").attributes(ServiceClients.idempotent()).retrieve()
			.bodyToMono(String.class), 502);
		expectStatus(client.get().uri("/get-no-retry").attributes(ServiceClients.noRetry()).retrieve()
			.bodyToMono(String.class), 502);
		assertThat(attempts("PUT /put")).isEqualTo(1);
		assertThat(attempts("PUT /put-flagged")).isEqualTo(2);
		assertThat(attempts("DELETE /delete-flagged")).isEqualTo(2);
		assertThat(attempts("GET /get-no-retry")).isEqualTo(1);
	}

	@Test
	void aClientErrorIsAnAnswerNotRetried() {
		WebClient client = client(properties(2, LENIENT_BREAKER, 10, Duration.ofSeconds(2)));
		expectStatus(client.get().uri("/missing").retrieve().bodyToMono(String.class), 404);
		assertThat(attempts("GET /missing")).isEqualTo(1);
	}

	@Test
	void theBreakerOpensAndShortCircuits() {
		ClientProperties properties = properties(0,
				new ClientProperties.CircuitBreaker(true, 50, 4, 4, Duration.ofMinutes(1), 1), 10, Duration.ofSeconds(2));
		ServiceClients clients = clients(properties);
		WebClient client = clients.create("http://127.0.0.1:" + server.port());
		for (int i = 0; i < 4; i++) {
			expectStatus(client.get().uri("/breaker").retrieve().bodyToMono(String.class), 502);
		}
		assertThat(attempts("GET /breaker")).isEqualTo(4);
		assertThat(clients.circuitState("127.0.0.1")).isEqualTo("OPEN");

		StepVerifier.create(client.get().uri("/breaker").retrieve().bodyToMono(String.class))
			.expectErrorSatisfies((ex) -> {
				DownstreamProblemException problem = (DownstreamProblemException) ex;
				assertThat(problem.status().value()).isEqualTo(503);
				assertThat(problem.detail()).contains("circuit open");
			})
			.verify(Duration.ofSeconds(10));
		// Short-circuited: the downstream never saw the call, not even an /ok one.
		StepVerifier.create(client.get().uri("/ok").retrieve().bodyToMono(String.class))
			.expectError(DownstreamProblemException.class)
			.verify(Duration.ofSeconds(10));
		assertThat(attempts("GET /breaker")).isEqualTo(4);
		assertThat(attempts("GET /ok")).isZero();
		assertThat(this.meters.counter("chorus.client.rejected", "service", "127.0.0.1", "reason", "circuit_open").count())
			.isEqualTo(2);
		assertThat(this.meters.find("resilience4j.circuitbreaker.state").tag("name", "127.0.0.1").tag("state", "open")
			.gauge().value()).isEqualTo(1);
	}

	@Test
	void clientErrorsDoNotOpenTheBreaker() {
		ClientProperties properties = properties(0,
				new ClientProperties.CircuitBreaker(true, 50, 4, 4, Duration.ofMinutes(1), 1), 10, Duration.ofSeconds(2));
		ServiceClients clients = clients(properties);
		WebClient client = clients.create("http://127.0.0.1:" + server.port());
		for (int i = 0; i < 6; i++) {
			expectStatus(client.get().uri("/missing-breaker").retrieve().bodyToMono(String.class), 404);
		}
		assertThat(clients.circuitState("127.0.0.1")).isEqualTo("CLOSED");
	}

	@Test
	void aFullBulkheadRefusesAtOnce() {
		WebClient client = client(properties(0, LENIENT_BREAKER, 1, Duration.ofSeconds(5)));
		Disposable held = client.get().uri("/hold").retrieve().bodyToMono(String.class).subscribe(null, (ex) -> {
		});
		try {
			await().atMost(Duration.ofSeconds(5)).until(() -> attempts("GET /hold") == 1);
			expectStatus(client.get().uri("/ok-bulkhead").retrieve().bodyToMono(String.class), 503);
			assertThat(attempts("GET /ok-bulkhead")).isZero();
		}
		finally {
			held.dispose();
		}
	}

	@Test
	void anAttemptOverItsTimeoutIsAGatewayTimeout() {
		WebClient client = client(properties(0, LENIENT_BREAKER, 10, Duration.ofMillis(200)));
		expectStatus(client.get().uri("/hold-timeout").retrieve().bodyToMono(String.class), 504);
	}

	@Test
	void aFallbackAnswersForAFailedDownstreamButNotForARejection() {
		ServiceClients clients = clients(properties(0, LENIENT_BREAKER, 10, Duration.ofSeconds(2)));
		WebClient client = clients.create("http://127.0.0.1:" + server.port());
		StepVerifier
			.create(clients.withFallback(client.get().uri("/fallback").retrieve().bodyToMono(String.class),
					(ex) -> Mono.just("degraded")))
			.expectNext("degraded")
			.verifyComplete();
		expectStatus(clients.withFallback(client.get().uri("/missing-fallback").retrieve().bodyToMono(String.class),
				(ex) -> Mono.just("degraded")), 404);
		assertThat(this.meters.counter("chorus.client.fallbacks", "service", "127.0.0.1").count()).isEqualTo(1);
	}

}
