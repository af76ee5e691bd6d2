package io.chorus.member.api;

import java.time.Duration;

import io.chorus.member.testing.IntegrationTestBase;
import io.chorus.member.testing.MemberClient;
import io.chorus.member.testing.MemberClient.Account;
import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import io.chorus.testkit.faults.FaultProxy;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Member while Redis or MariaDB is unreachable. Redis only holds throttle counters: sign-in and
 * signup go on with the counters in memory. MariaDB holds the accounts: requests answer 503 with
 * {@code Retry-After} in bounded time. Both recover without a restart.
 */
@TestPropertySource(properties = "chorus.member.login.account-max-failures=3")
@ChorusInfrastructure(value = { Infra.MARIADB, Infra.REDIS, Infra.KAFKA }, faults = { Infra.MARIADB, Infra.REDIS })
class MemberOutageIntegrationTests extends IntegrationTestBase {

	/** Below the gateway's 10 s route timeout: what "bounded" means for a request here. */
	private static final Duration BOUND = Duration.ofSeconds(9);

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Value("${chorus.redis.key-prefix}")
	String keyPrefix;

	@Test
	void withRedisDownSignInAndSignupGoOnAndFailuresAreStillThrottled(TestNamespace namespace) {
		Account ada = this.client.signup("ada");
		FaultProxy redis = namespace.faultProxy(Infra.REDIS);
		redis.down();
		try {
			String ip = MemberClient.newIp();
			bounded().post().uri("/api/auth/login").header("X-Forwarded-For", ip)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(new Login(ada.email(), MemberClient.PASSWORD))
				.exchange()
				.expectStatus()
				.isOk();
			for (int i = 0; i < 3; i++) {
				this.client.login(ada.email(), "Wrong-password-" + i, ip).expectStatus().isUnauthorized();
			}
			this.client.login(ada.email(), MemberClient.PASSWORD, ip)
				.expectStatus()
				.isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
			this.client.signup("bea"); // asserts 201
		}
		finally {
			redis.up();
		}
		// Redis counts again once it is back (the local period runs out within seconds)
		String ip = MemberClient.newIp();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			this.client.login(ada.email(), "Wrong-password-x", ip).expectStatus().isUnauthorized();
			assertThat(this.redis.hasKey(this.keyPrefix + "member:login:fail:ip:" + ip).block()).isTrue();
		});
	}

	@Test
	void withRedisHungSignInAndSignupStillAnswerInBoundedTime(TestNamespace namespace) {
		Account cal = this.client.signup("cal");
		FaultProxy redis = namespace.faultProxy(Infra.REDIS);
		redis.hang();
		try {
			for (int i = 0; i < 3; i++) {
				bounded().post().uri("/api/auth/login").header("X-Forwarded-For", MemberClient.newIp())
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(new Login(cal.email(), MemberClient.PASSWORD))
					.exchange()
					.expectStatus()
					.isOk();
			}
			// a signup never waits on Redis longer than its command timeout (issue 18, item 5)
			bounded().post().uri("/api/auth/signup").header("X-Forwarded-For", MemberClient.newIp())
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(new Signup("cy-" + namespace.id() + "@example.org", MemberClient.PASSWORD,
						MemberClient.uniqueHandle("cy"), "Cy"))
				.exchange()
				.expectStatus()
				.isCreated();
		}
		finally {
			redis.up();
		}
	}

	@Test
	void withMariaDbDownRequestsAnswer503WithRetryAfterAndRecover(TestNamespace namespace) {
		Account dot = this.client.signup("dot");
		long members = this.rows.count("member");
		FaultProxy mariaDb = namespace.faultProxy(Infra.MARIADB);
		mariaDb.down();
		try {
			unavailable(bounded().post().uri("/api/auth/login").header("X-Forwarded-For", MemberClient.newIp())
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(new Login(dot.email(), MemberClient.PASSWORD))
				.exchange());
			unavailable(bounded().get().uri("/api/members/" + dot.id()).exchange());
			unavailable(bounded().post().uri("/api/auth/signup").header("X-Forwarded-For", MemberClient.newIp())
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(new Signup("eli-" + namespace.id() + "@example.org", MemberClient.PASSWORD,
						MemberClient.uniqueHandle("eli"), "Eli"))
				.exchange());
		}
		finally {
			mariaDb.up();
		}
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> this.client.get("/api/members/" + dot.id(), null).exchange().expectStatus().isOk());
		this.client.login(dot);
		assertThat(this.rows.count("member")).isEqualTo(members);
	}

	private WebTestClient bounded() {
		return this.client.http().mutate().responseTimeout(BOUND).build();
	}

	private static void unavailable(WebTestClient.ResponseSpec response) {
		response.expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.value(HttpHeaders.RETRY_AFTER, (value) -> assertThat(Long.parseLong(value)).isPositive());
	}

	private record Login(String email, String password) {
	}

	private record Signup(String email, String password, String handle, String displayName) {
	}

}
