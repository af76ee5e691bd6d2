package io.chorus.platform.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.chorus.platform.passport.Passport;
import io.chorus.platform.passport.Passports;
import io.chorus.platform.web.Causes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Service clients against a real local HTTP server, without Spring. */
class ServiceClientsTests {

	private static final Passport ADA = new Passport("m-1", "ada", List.of("USER"), "j", Instant.EPOCH);

	private static final DisposableServer server = HttpServer.create().host("127.0.0.1").port(0).route((routes) -> routes
		.get("/passport", (request, response) -> response
			.sendString(Mono.just(String.valueOf(request.requestHeaders().get("X-Passport")))))
		.get("/missing", (request, response) -> response.status(404)
			.header("Content-Type", "application/problem+json")
			.sendString(Mono.just("{\"title\":\"Not Found\",\"status\":404,\"detail\":\"No member m-9.\",\"extra\":null}")))
		.get("/unavailable", (request, response) -> response.status(503).sendString(Mono.just("upstream connect error")))
		.get("/slow-headers", (request, response) -> response.sendString(Mono.delay(Duration.ofSeconds(2)).thenReturn("late")))
		.get("/slow-body", (request, response) -> response.header("Content-Type", "text/plain")
			.sendString(Flux.concat(Mono.just("first"), Mono.delay(Duration.ofSeconds(2)).thenReturn("late")))))
		.bindNow();

	private final ServiceClients clients = new ServiceClients(
			ServiceClients.template(new ClientProperties(Duration.ofSeconds(1), Duration.ofMillis(300)), new JsonMapper()));

	private final WebClient client = this.clients.create("http://127.0.0.1:" + server.port());

	@AfterAll
	static void stop() {
		server.disposeNow();
	}

	private Mono<String> get(String path) {
		return this.client.get().uri(path).retrieve().bodyToMono(String.class);
	}

	@Test
	void forwardsThePassportFromTheReactorContext() {
		StepVerifier.create(get("/passport").contextWrite(Passports.with(ADA, "compact.jws.value")))
			.expectNext("compact.jws.value")
			.verifyComplete();
	}

	@Test
	void anonymousCallsCarryNoPassport() {
		StepVerifier.create(get("/passport")).expectNext("null").verifyComplete();
	}

	@Test
	void downstream4xxProblemPassesThroughWithItsBody() {
		StepVerifier.create(get("/missing")).expectErrorSatisfies((ex) -> {
			DownstreamProblemException problem = (DownstreamProblemException) ex;
			assertThat(problem.status().value()).isEqualTo(404);
			assertThat(problem.detail()).isEqualTo("No member m-9.");
			assertThat(problem.downstreamStatus()).hasValueSatisfying((status) -> assertThat(status.value()).isEqualTo(404));
			assertThat(problem.downstreamProblem()).containsEntry("detail", "No member m-9.").containsKey("extra");
			assertThat(problem.service()).isEqualTo("127.0.0.1");
		}).verify();
	}

	@Test
	void downstream5xxIsABadGateway() {
		StepVerifier.create(get("/unavailable")).expectErrorSatisfies((ex) -> {
			DownstreamProblemException problem = (DownstreamProblemException) ex;
			assertThat(problem.status().value()).isEqualTo(502);
			assertThat(problem.downstreamStatus()).hasValueSatisfying((status) -> assertThat(status.value()).isEqualTo(503));
			assertThat(problem.detail()).doesNotContain("upstream connect error");
		}).verify();
	}

	@Test
	void slowResponseIsAGatewayTimeout() {
		StepVerifier.create(get("/slow-headers"))
			.expectErrorSatisfies((ex) -> assertThat(((DownstreamProblemException) ex).status().value()).isEqualTo(504))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void stallingBodyIsAGatewayTimeoutToo() {
		// WebClient wraps body-phase errors; the error handler unwraps the problem (see ProblemMapper).
		StepVerifier.create(get("/slow-body"))
			.expectErrorSatisfies((ex) -> assertThat(Causes.find(ex, DownstreamProblemException.class))
				.satisfies((problem) -> assertThat(problem.status().value()).isEqualTo(504)))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void unreachableServiceIsServiceUnavailable() {
		DisposableServer closed = HttpServer.create().host("127.0.0.1").port(0).bindNow();
		int port = closed.port();
		closed.disposeNow();
		StepVerifier.create(this.clients.create("http://127.0.0.1:" + port).get().retrieve().bodyToMono(String.class))
			.expectErrorSatisfies((ex) -> assertThat(((DownstreamProblemException) ex).status().value()).isEqualTo(503))
			.verify(Duration.ofSeconds(5));
	}

}
