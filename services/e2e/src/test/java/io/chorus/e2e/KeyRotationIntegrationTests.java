package io.chorus.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.SignedJWT;
import io.chorus.e2e.Visitor.Account;
import io.chorus.e2e.Visitor.Tokens;
import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Signing-key rotation across two member replicas sharing one database, seen from outside:
 * both publish the same keys and switch to exactly one new key; a token signed with the retired
 * key still works at the gateway but carries the refresh hint; new tokens (from either replica)
 * carry none.
 */
@ChorusInfrastructure({ Infra.MARIADB, Infra.REDIS, Infra.KAFKA })
class KeyRotationIntegrationTests {

	/** Shorter than the 15-minute access-token lifetime, so a token outlives its key's turn. */
	private static final Duration ROTATION_PERIOD = Duration.ofMinutes(10);

	private static ChorusStack stack;

	private static WebTestClient secondReplica;

	@BeforeAll
	static void start(TestNamespace namespace) {
		stack = ChorusStack.on(namespace)
			.member("chorus.member.keys.rotation-period", ROTATION_PERIOD.toMinutes() + "m")
			.gateway("chorus.gateway.jwks.cache-ttl", "1s")
			.gateway("chorus.gateway.jwks.min-refetch-interval", "1s")
			.start();
		secondReplica = stack.startMemberReplica();
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void bothReplicasRotateToOneNewKeyAndTheRetiredKeyEarnsARefreshHint() throws Exception {
		Visitor eve = new Visitor(stack);
		Account account = eve.signup("eve");
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(kids(secondReplica)).isEqualTo(kids(stack.member())));
		List<String> before = kids(stack.member());
		Tokens old = eve.login(account);
		assertThat(kidOf(old.accessToken())).isEqualTo(before.get(0));

		stack.clock().advance(ROTATION_PERIOD);

		// Each replica ticks on its own; they must converge on one new current key, published by both.
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			List<String> first = kids(stack.member());
			assertThat(first.get(0)).isNotEqualTo(before.get(0));
			assertThat(kids(secondReplica)).isEqualTo(first);
		});
		List<String> after = kids(stack.member());
		assertThat(after).hasSize(before.size() + 1).containsAll(before);

		// The old token is still valid (signature, expiry) but its key is retired: 200 plus the hint.
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> eve.get("/api/members/me", old.accessToken())
				.expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals("X-Token-Refresh-Needed", "true"));

		// A token from the other replica, signed with the new key, passes the gateway without a hint.
		Tokens fresh = Visitor.tokens(secondReplica.post()
			.uri("/api/auth/login")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", account.email(), "password", Visitor.PASSWORD))
			.exchange()
			.expectStatus()
			.isOk());
		assertThat(kidOf(fresh.accessToken())).isEqualTo(after.get(0));
		eve.get("/api/members/me", fresh.accessToken())
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist("X-Token-Refresh-Needed")
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(account.id());
		// And the refresh the hint asks for hands out a current-key token too.
		Tokens refreshed = Visitor.tokens(eve.refresh(old.refreshToken()).expectStatus().isOk());
		assertThat(kidOf(refreshed.accessToken())).isEqualTo(after.get(0));
	}

	private static List<String> kids(WebTestClient member) {
		Map<?, ?> jwks = member.get().uri("/.well-known/jwks.json").exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
		assertThat(jwks).isNotNull();
		List<String> kids = new ArrayList<>();
		((List<?>) jwks.get("keys")).forEach((key) -> kids.add((String) ((Map<?, ?>) key).get("kid")));
		return kids;
	}

	private static String kidOf(String jwt) throws Exception {
		return SignedJWT.parse(jwt).getHeader().getKeyID();
	}

}
