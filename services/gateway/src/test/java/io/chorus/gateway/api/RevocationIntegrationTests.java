package io.chorus.gateway.api;

import java.time.Duration;
import java.time.Instant;

import com.nimbusds.jwt.JWTClaimsSet;
import io.chorus.gateway.Downstream;
import io.chorus.gateway.GatewayTestSupport;
import io.chorus.gateway.TestTokens;
import io.chorus.testkit.TestNamespace;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway writes revocations itself when member confirms a session end, and honours them. */
class RevocationIntegrationTests extends GatewayTestSupport {

	static final Downstream downstream = new Downstream();

	@DynamicPropertySource
	static void downstream(DynamicPropertyRegistry registry) {
		downstream.register(registry);
	}

	@AfterAll
	static void stop() {
		downstream.close();
	}

	private RedisClient redisClient;

	private StatefulRedisConnection<String, String> connection;

	private RedisCommands<String, String> redis;

	private String prefix;

	@BeforeEach
	void connect(TestNamespace namespace) {
		this.redisClient = RedisClient.create(namespace.redis().url());
		this.connection = this.redisClient.connect();
		this.redis = this.connection.sync();
		this.prefix = namespace.redisKeyPrefix();
	}

	@AfterEach
	void disconnect() {
		this.connection.close();
		this.redisClient.shutdown();
	}

	@Test
	void logoutRevokesExactlyThePresentedToken() {
		JWTClaimsSet claims = TestTokens.claims("m-10").build();
		String loggedOut = downstream.token(claims);
		String otherSession = downstream.token("m-10");
		ok(loggedOut);

		client().post().uri("/api/auth/logout").header(HttpHeaders.AUTHORIZATION, "Bearer " + loggedOut)
			.exchange()
			.expectStatus().isOk();

		assertRevoked(loggedOut);
		ok(otherSession);
		long ttl = this.redis.ttl(this.prefix + "gw:revoked:" + claims.getJWTID());
		assertThat(ttl).as("lives as long as the token would have").isBetween(1L, Duration.ofMinutes(15).toSeconds() + 1);
	}

	@Test
	void aFailedLogoutRevokesNothing() {
		String token = downstream.token("m-11");
		client().post().uri("/api/auth/logout").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.header("X-Stub-Status", "500")
			.exchange()
			.expectStatus().isEqualTo(500);
		client().post().uri("/api/auth/logout-all").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.header("X-Stub-Status", "401")
			.exchange()
			.expectStatus().isEqualTo(401);
		ok(token);
		assertThat(this.redis.exists(this.prefix + "gw:revoked-before:m-11")).isZero();
	}

	@Test
	void logoutAllRevokesEveryOlderTokenOfThatMemberOnly() {
		Instant now = Instant.now();
		String older = downstream.token(TestTokens.claims("m-12", now.minusSeconds(60), now.plus(Duration.ofMinutes(14))).build());
		String current = downstream.token("m-12");
		String someoneElse = downstream.token("m-13");

		client().post().uri("/api/auth/logout-all").header(HttpHeaders.AUTHORIZATION, "Bearer " + current)
			.exchange()
			.expectStatus().isOk();

		assertRevoked(older);
		assertRevoked(current);
		ok(someoneElse);
		Instant later = Instant.now().plusSeconds(2);
		ok(downstream.token(TestTokens.claims("m-12", later, later.plus(Duration.ofMinutes(15))).build()));
		long mark = Long.parseLong(this.redis.get(this.prefix + "gw:revoked-before:m-12"));
		assertThat(mark).isBetween(now.getEpochSecond(), Instant.now().getEpochSecond());
		assertThat(this.redis.ttl(this.prefix + "gw:revoked-before:m-12")).isBetween(Duration.ofMinutes(15).toSeconds(),
				Duration.ofMinutes(16).toSeconds());
	}

	@Test
	void deactivationRevokesEverythingIssuedSoFar() {
		String token = downstream.token("m-14");
		String another = downstream.token("m-14");
		client().delete().uri("/api/members/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus().isOk();
		assertRevoked(token);
		assertRevoked(another);
	}

	@Test
	void aStolenRefreshTokenRevokesTheMembersAccessTokensAndTheSignalNeverReachesTheClient() {
		Instant earlier = Instant.now().minusSeconds(10);
		String token = downstream.token(TestTokens.claims("m-15", earlier, earlier.plus(Duration.ofMinutes(15))).build());
		ok(token);
		client().post().uri("/api/auth/refresh")
			.header("X-Stub-Status", "401")
			.header("X-Stub-Header", "X-Internal-Revoke-Sessions-Of: m-15")
			.exchange()
			.expectStatus().isUnauthorized()
			.expectHeader().doesNotExist("X-Internal-Revoke-Sessions-Of");
		assertRevoked(token);
		ok(downstream.token("m-16"));
		ok(downstream.token("m-15")); // signing in again right away works
	}

	@Test
	void internalHeadersFromServicesNeverReachClients() {
		client().get().uri("/api/search?q=x").header("X-Stub-Header", "X-Internal-Anything: secret").exchange()
			.expectStatus().isOk()
			.expectHeader().doesNotExist("X-Internal-Anything");
	}

	private void ok(String token) {
		client().get().uri("/api/timeline/home").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus().isOk();
	}

	private void assertRevoked(String token) {
		client().get().uri("/api/timeline/home").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus().isUnauthorized()
			.expectHeader().valueEquals("X-Relogin-Required", "true")
			.expectHeader().doesNotExist("X-Token-Refresh-Needed")
			.expectHeader().valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\".*")
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.type").isEqualTo("urn:chorus:problem:token-revoked");
	}

}
