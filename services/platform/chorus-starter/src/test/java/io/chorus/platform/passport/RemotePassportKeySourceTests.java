package io.chorus.platform.passport;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.chorus.platform.web.ProblemException;
import io.chorus.testkit.passport.TestPassports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Fetching the gateway's JWKS: caching, rotation, flood protection and outages. */
class RemotePassportKeySourceTests {

	private final TestPassports gateway = new TestPassports();

	private final AtomicInteger fetches = new AtomicInteger();

	private final AtomicReference<Integer> failWith = new AtomicReference<>();

	private final DisposableServer server = HttpServer.create().host("127.0.0.1").port(0).route((routes) -> routes
		.get("/jwks", (request, response) -> {
			this.fetches.incrementAndGet();
			Integer status = this.failWith.get();
			return (status != null) ? response.status(status).send()
					: response.header("Content-Type", "application/json").sendString(Mono.just(this.gateway.publicJwks()));
		}))
		.bindNow();

	private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));

	private final RemotePassportKeySource keys = new RemotePassportKeySource(WebClient.create(),
			URI.create("http://127.0.0.1:" + this.server.port() + "/jwks"), this.clock, Duration.ofMinutes(5),
			Duration.ofSeconds(10));

	@AfterEach
	void stop() {
		this.server.disposeNow();
	}

	@Test
	void fetchesOnceForManyConcurrentLookups() {
		String kid = this.gateway.kid();
		StepVerifier.create(Flux.range(0, 20).flatMap((i) -> this.keys.verifierFor(kid))).expectNextCount(20).verifyComplete();
		StepVerifier.create(this.keys.verifierFor(kid)).expectNextCount(1).verifyComplete();
		assertThat(this.fetches).hasValue(1);
	}

	@Test
	void unknownKidTriggersARefetchSoRotatedKeysAreFound() {
		StepVerifier.create(this.keys.verifierFor(this.gateway.kid())).expectNextCount(1).verifyComplete();
		this.clock.advance(Duration.ofSeconds(11));
		String rotated = this.gateway.rotate();
		StepVerifier.create(this.keys.verifierFor(rotated)).expectNextCount(1).verifyComplete();
		assertThat(this.fetches).hasValue(2);
	}

	@Test
	void madeUpKidsCannotHammerTheGateway() {
		StepVerifier.create(this.keys.verifierFor(this.gateway.kid())).expectNextCount(1).verifyComplete();
		for (int i = 0; i < 50; i++) {
			StepVerifier.create(this.keys.verifierFor("made-up-" + i)).verifyComplete();
		}
		assertThat(this.fetches).hasValue(1);
	}

	@Test
	void knownKeysOutliveTheirTtlWhileTheGatewayIsDown() {
		String kid = this.gateway.kid();
		StepVerifier.create(this.keys.verifierFor(kid)).expectNextCount(1).verifyComplete();
		this.failWith.set(503);
		this.clock.advance(Duration.ofMinutes(6));
		StepVerifier.create(this.keys.verifierFor(kid)).expectNextCount(1).verifyComplete();
		// The stale set answers at once; the refetch it triggers reaches the gateway a moment later.
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(this.fetches).hasValue(2));
	}

	@Test
	void noKeysAndGatewayDownIsA503NotA401() {
		this.failWith.set(500);
		StepVerifier.create(this.keys.verifierFor(this.gateway.kid()))
			.expectErrorSatisfies((ex) -> assertThat(((ProblemException) ex).status().value()).isEqualTo(503))
			.verify();
	}

	@Test
	void verifiesPassportsEndToEnd() {
		PassportVerifier verifier = new PassportVerifier(this.keys, Clock.systemUTC(), Duration.ofSeconds(5));
		StepVerifier.create(verifier.verify(new TestPassports().valid("m-1", "ada")))
			.expectError(InvalidPassportException.class)
			.verify();
		StepVerifier.create(verifier.verify(this.gateway.valid("m-1", "ada")))
			.assertNext((passport) -> assertThat(passport.memberId()).isEqualTo("m-1"))
			.verifyComplete();
	}

	static final class MutableClock extends Clock {

		private volatile Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}
