package io.chorus.member.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.chorus.member.MemberApplication;
import io.chorus.member.testing.MemberClient;
import io.chorus.member.testing.MemberClient.Account;
import io.chorus.member.testing.Rows;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import io.chorus.testkit.passport.TestPassports;
import io.chorus.testkit.time.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two member replicas (two application contexts) on one database and one moving clock: they
 * rotate at the same moment and agree on one new key; retired keys keep verifying until their
 * grace period ends, then vanish from both JWKS.
 */
class SigningKeyRingIntegrationTests {

	private static final Duration PERIOD = Duration.ofHours(1);

	private static final Duration ACCESS_TTL = Duration.ofMinutes(15);

	private static final Duration SKEW = Duration.ofSeconds(60);

	// Mid-slot, so starting up does not itself cross a boundary; near real time, because the
	// broker rejects event records stamped more than an hour ahead.
	private static final MutableClock clock = new MutableClock(
			Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofMinutes(30)));

	private static final TestPassports passports = new TestPassports();

	private static ConfigurableApplicationContext first;

	private static ConfigurableApplicationContext second;

	@BeforeAll
	static void startTwoReplicas() {
		TestNamespace namespace = TestNamespace.of(SigningKeyRingIntegrationTests.class);
		Map<String, Object> properties = new HashMap<>(
				namespace.springProperties(Set.of(Infra.MARIADB, Infra.REDIS, Infra.KAFKA)));
		properties.putAll(Map.of("server.port", "0", "management.server.port", "0", "chorus.passport.public-jwks",
				passports.publicJwks(), "chorus.member.keys.rotation-period", "1h",
				// ticks only at start-up; the test rotates explicitly
				"chorus.member.keys.check-interval", "1d", "chorus.member.keys.clock-skew", "60s",
				"chorus.member.password.memory-kib", "4096", "chorus.member.password.iterations", "1",
				// both replicas must share the key encryption key, as in a real deployment
				"chorus.member.keys.encryption-key", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="));
		first = start(properties);
		second = start(properties);
	}

	private static ConfigurableApplicationContext start(Map<String, Object> properties) {
		// as command-line arguments: default properties would lose to application.yaml
		String[] args = properties.entrySet().stream().map((e) -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
		return new SpringApplicationBuilder(MemberApplication.class)
			.initializers((context) -> context.getBeanFactory().registerSingleton("clock", clock))
			.run(args);
	}

	@AfterAll
	static void stop() {
		if (second != null) {
			second.close();
		}
		if (first != null) {
			first.close();
		}
	}

	@Test
	void replicasRotateTogetherIntoOneKeyAndRetiredKeysVerifyUntilTheirGraceEnds() throws Exception {
		Rows rows = new Rows(first.getBean(DatabaseClient.class));
		MemberClient one = client(first);
		MemberClient two = client(second);
		assertThat(rows.count("signing_key")).as("one key for the start-up slot despite two replicas").isOne();
		JWKSet initial = jwks(one);
		assertThat(jwks(two).getKeys()).extracting(JWK::getKeyID).containsExactlyElementsOf(kids(initial));
		String oldKid = initial.getKeys().get(0).getKeyID();

		Account ann = one.signup("ann");
		String oldToken = one.login(ann).accessToken();
		assertThat(SignedJWT.parse(oldToken).getHeader().getKeyID()).isEqualTo(oldKid);

		// the next slot begins: both replicas rotate at the same moment
		clock.advance(PERIOD);
		CyclicBarrier together = new CyclicBarrier(2);
		CompletableFuture<?> a = CompletableFuture.runAsync(() -> rotate(first, together));
		CompletableFuture<?> b = CompletableFuture.runAsync(() -> rotate(second, together));
		CompletableFuture.allOf(a, b).get();

		assertThat(rows.count("signing_key")).as("exactly one new key").isEqualTo(2);
		JWKSet fromOne = jwks(one);
		JWKSet fromTwo = jwks(two);
		assertThat(kids(fromOne)).hasSize(2).containsExactlyElementsOf(kids(fromTwo)).endsWith(oldKid);
		String newKid = kids(fromOne).get(0);
		assertThat(newKid).isNotEqualTo(oldKid);

		// new tokens from either replica use the new key; the old token still verifies
		assertThat(SignedJWT.parse(two.login(ann).accessToken()).getHeader().getKeyID()).isEqualTo(newKid);
		assertThat(SignedJWT.parse(one.login(ann).accessToken()).getHeader().getKeyID()).isEqualTo(newKid);
		assertThat(verifies(oldToken, fromTwo)).isTrue();

		// just before the retired key's last token can have expired, it is still published
		clock.advance(ACCESS_TTL.plus(SKEW).minusSeconds(1));
		rotate(first, null);
		assertThat(kids(jwks(two))).contains(oldKid);

		// afterwards it is gone from both replicas (and the table)
		clock.advance(Duration.ofSeconds(2));
		rotate(first, null);
		assertThat(kids(jwks(one))).containsExactly(newKid);
		assertThat(kids(jwks(two))).containsExactly(newKid);
		assertThat(rows.count("signing_key")).isOne();
	}

	private static void rotate(ConfigurableApplicationContext context, CyclicBarrier barrier) {
		try {
			if (barrier != null) {
				barrier.await();
			}
			context.getBean(SigningKeyRing.class).rotateIfDue().block(Duration.ofSeconds(30));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static boolean verifies(String token, JWKSet keys) throws Exception {
		SignedJWT jwt = SignedJWT.parse(token);
		ECKey key = keys.getKeyByKeyId(jwt.getHeader().getKeyID()).toECKey();
		return jwt.verify(new ECDSAVerifier(key));
	}

	private static MemberClient client(ConfigurableApplicationContext context) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return new MemberClient(WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build(), passports);
	}

	private static JWKSet jwks(MemberClient client) throws Exception {
		String body = client.http()
			.get()
			.uri("/.well-known/jwks.json")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		return JWKSet.parse(body);
	}

	private static List<String> kids(JWKSet set) {
		return set.getKeys().stream().map(JWK::getKeyID).toList();
	}

}
