package io.chorus.gateway.store;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import com.nimbusds.jose.jwk.ECKey;
import io.chorus.gateway.StubServer;
import io.chorus.gateway.TestTokens;
import io.chorus.gateway.domain.JwkSetParser;
import io.chorus.gateway.domain.SigningKey;
import io.chorus.gateway.domain.TokenPolicy;
import io.chorus.gateway.domain.TokenRejectedException;
import io.chorus.testkit.time.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MemberJwksTests {

	private static final ECKey FIRST = TestTokens.ecKey("k1");

	private static final ECKey SECOND = TestTokens.ecKey("k2");

	private final AtomicReference<String> served = new AtomicReference<>(TestTokens.jwks(FIRST.toPublicJWK()));

	private final AtomicInteger fetches = new AtomicInteger();

	private final StubServer member = new StubServer((routes) -> routes.get("/.well-known/jwks.json",
			(request, response) -> {
				this.fetches.incrementAndGet();
				return response.header("Content-Type", "application/json").sendString(Mono.fromSupplier(this.served::get));
			}));

	private final MutableClock clock = new MutableClock();

	private final MemberJwks jwks = jwks(URI.create(this.member.uri() + "/.well-known/jwks.json"));

	@AfterEach
	void stop() {
		this.member.close();
	}

	@Test
	void fetchesOnceThenServesFromCache() {
		assertThat(find("k1")).isNotNull();
		assertThat(find("k1")).isNotNull();
		assertThat(find("k1").current()).isTrue();
		assertThat(this.fetches).hasValue(1);
	}

	@Test
	void unknownKidRefetchesOnceAndFindsTheRotatedKey() {
		find("k1");
		this.clock.advance(Duration.ofSeconds(11));
		this.served.set(TestTokens.jwks(SECOND.toPublicJWK(), FIRST.toPublicJWK()));

		SigningKey rotated = find("k2");

		assertThat(rotated.current()).isTrue();
		assertThat(this.fetches).hasValue(2);
		assertThat(find("k1").current()).as("the old key is now retired").isFalse();
		assertThat(this.fetches).hasValue(2);
	}

	@Test
	void aStormOfUnknownKidsCausesAtMostOneFetchPerInterval() {
		find("k1");
		this.clock.freeze();
		this.clock.advance(Duration.ofSeconds(11));

		List<SigningKey> found = Flux.fromStream(IntStream.range(0, 200).mapToObj((i) -> "made-up-" + i))
			.flatMap(this.jwks::find, 64)
			.collectList()
			.block();

		assertThat(found).isEmpty();
		assertThat(this.fetches).hasValue(2);
		this.clock.advance(Duration.ofSeconds(11));
		assertThat(this.jwks.find("still-made-up").blockOptional()).isEmpty();
		assertThat(this.fetches).hasValue(3);
	}

	@Test
	void concurrentMissesShareOneFetch() {
		List<SigningKey> found = Flux.range(0, 50).flatMap((i) -> this.jwks.find("k1"), 50).collectList().block();
		assertThat(found).hasSize(50);
		assertThat(this.fetches).hasValue(1);
	}

	@Test
	void staleCacheIsRefreshedInTheBackgroundWhileOldKeysServe() {
		find("k1");
		this.clock.advance(Duration.ofMinutes(6));
		this.served.set(TestTokens.jwks(SECOND.toPublicJWK(), FIRST.toPublicJWK()));

		assertThat(find("k1")).isNotNull();

		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (this.jwks.cachedKeyIds().size() < 2 && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		assertThat(this.jwks.cachedKeyIds()).containsExactly("k2", "k1");
	}

	@Test
	void memberUnreachableWithNothingCachedIsUnavailableNotInvalid() {
		MemberJwks unreachable = jwks(URI.create("http://127.0.0.1:1/.well-known/jwks.json"));
		TokenRejectedException rejected = catchThrowableOfType(TokenRejectedException.class,
				() -> unreachable.find("k1").block());
		assertThat(rejected.reason()).isEqualTo(TokenRejectedException.Reason.KEYS_UNAVAILABLE);
	}

	@Test
	void garbageFromMemberKeepsTheLastGoodKeys() {
		find("k1");
		this.served.set("<html>oops</html>");
		this.clock.advance(Duration.ofSeconds(11));
		assertThat(this.jwks.find("k9").blockOptional()).isEmpty();
		assertThat(find("k1")).isNotNull();
		assertThat(this.fetches).hasValue(2);
	}

	private SigningKey find(String kid) {
		SigningKey key = this.jwks.find(kid).block();
		assertThat(key).as("key " + kid).isNotNull();
		return key;
	}

	private MemberJwks jwks(URI uri) {
		return new MemberJwks(WebClient.create(), uri, new JwkSetParser(TokenPolicy.ASYMMETRIC), this.clock,
				Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofHours(1), new SimpleMeterRegistry());
	}

}
