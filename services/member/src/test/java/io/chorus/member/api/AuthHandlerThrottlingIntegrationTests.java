package io.chorus.member.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.chorus.member.testing.IntegrationTestBase;
import io.chorus.member.testing.MemberClient;
import io.chorus.member.testing.MemberClient.Account;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Login failures reveal nothing and are throttled per account and address (atomically) and per
 * address; signups are limited per client IP.
 */
@TestPropertySource(properties = { "chorus.member.login.account-max-failures=5",
		"chorus.member.login.ip-max-failures=8", "chorus.member.signup.ip-max=3" })
class AuthHandlerThrottlingIntegrationTests extends IntegrationTestBase {

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Value("${chorus.redis.key-prefix}")
	String keyPrefix;

	@Test
	void unknownEmailAndWrongPasswordAreIndistinguishable() {
		Account ann = this.client.signup("ann");
		Account gone = this.client.signup("gone");
		this.client.send("DELETE", "/api/members/me", gone).exchange().expectStatus().isNoContent();

		EntityExchangeResult<Map<String, Object>> unknown = failure("nobody-" + ann.handle() + "@example.org",
				MemberClient.PASSWORD);
		EntityExchangeResult<Map<String, Object>> wrong = failure(ann.email(), "Wrong-password-1");
		EntityExchangeResult<Map<String, Object>> deactivated = failure(gone.email(), MemberClient.PASSWORD);

		for (EntityExchangeResult<Map<String, Object>> other : List.of(wrong, deactivated)) {
			assertThat(other.getStatus()).isEqualTo(unknown.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
			assertThat(comparable(other.getResponseBody())).isEqualTo(comparable(unknown.getResponseBody()));
			assertThat(comparable(other.getResponseHeaders())).isEqualTo(comparable(unknown.getResponseHeaders()));
		}
		assertThat(unknown.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(unknown.getResponseHeaders().getFirst("Set-Cookie")).isNull();
	}

	@Test
	void fiveFailuresLockTheAccountFromThatAddressEvenForTheRightPasswordUntilTheWindowEnds() {
		Account bob = this.client.signup("bob");
		String ip = MemberClient.newIp();
		for (int i = 0; i < 5; i++) {
			this.client.login(bob.email(), "Wrong-password-" + i, ip).expectStatus().isUnauthorized();
		}
		assertThat(accountCounter(bob, ip)).isEqualTo("5");
		this.client.login(bob.email(), MemberClient.PASSWORD, ip)
			.expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.value(HttpHeaders.RETRY_AFTER, (value) -> assertThat(Long.parseLong(value)).isBetween(1L, 900L));
		// the correct password during lockout neither passed nor reset the counter
		assertThat(accountCounter(bob, ip)).isEqualTo("6");
		assertThat(this.rows.count("SELECT COUNT(*) FROM refresh_token WHERE member_id = ?", bob.id())).isZero();
	}

	@Test
	void aLockoutIsPerAccountAndAddressSoNobodyLocksAMemberOutFromElsewhere() {
		Account eve = this.client.signup("eve");
		Account fay = this.client.signup("fay");
		String attacker = MemberClient.newIp();
		for (int i = 0; i < 5; i++) {
			this.client.login(eve.email(), "Wrong-password-" + i, attacker).expectStatus().isUnauthorized();
		}
		this.client.login(eve.email(), MemberClient.PASSWORD, attacker)
			.expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		// the member from her own address, and another member from the attacker's (a shared NAT)
		this.client.login(eve.email(), MemberClient.PASSWORD, MemberClient.newIp()).expectStatus().isOk();
		this.client.login(fay.email(), MemberClient.PASSWORD, attacker).expectStatus().isOk();
	}

	@Test
	void parallelGuessesGetNoMoreTriesThanTheLimit() {
		Account gil = this.client.signup("gil");
		String ip = MemberClient.newIp();
		// A non-blocking client, so the 20 attempts really are in flight together.
		WebClient http = WebClient.create("http://127.0.0.1:" + this.port);
		List<HttpStatus> answers = Flux.range(0, 20)
			.flatMap((i) -> http.post()
				.uri("/api/auth/login")
				.header("X-Forwarded-For", ip)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("email", gil.email(), "password", "Wrong-password-" + i))
				.exchangeToMono((response) -> Mono.just(HttpStatus.valueOf(response.statusCode().value()))), 20)
			.collectList()
			.block(Duration.ofSeconds(120));
		assertThat(answers).hasSize(20);
		assertThat(answers).filteredOn(HttpStatus.UNAUTHORIZED::equals).as("password checks").hasSize(5);
		assertThat(answers).filteredOn(HttpStatus.TOO_MANY_REQUESTS::equals).hasSize(15);
	}

	@Test
	void onlyASuccessfulLoginResetsTheAccountCounter() {
		Account cid = this.client.signup("cid");
		String ip = MemberClient.newIp();
		for (int i = 0; i < 4; i++) {
			this.client.login(cid.email(), "Wrong-password-" + i, ip).expectStatus().isUnauthorized();
		}
		assertThat(accountCounter(cid, ip)).isEqualTo("4");
		this.client.login(cid.email(), MemberClient.PASSWORD, ip).expectStatus().isOk();
		assertThat(accountCounter(cid, ip)).isNull();
		// 3 more failures would have locked it without the reset (4 + 3 > 5; the address allows 8)
		for (int i = 0; i < 3; i++) {
			this.client.login(cid.email(), "Wrong-password-" + i, ip).expectStatus().isUnauthorized();
		}
		this.client.login(cid.email(), MemberClient.PASSWORD, ip).expectStatus().isOk();
	}

	@Test
	void failuresFromOneAddressAcrossAccountsLockThatAddress() {
		String ip = MemberClient.newIp();
		for (int i = 0; i < 8; i++) {
			this.client.login("spray" + i + "@example.org", "Wrong-password-1", ip).expectStatus().isUnauthorized();
		}
		Account dee = this.client.signup("dee");
		this.client.login(dee.email(), MemberClient.PASSWORD, ip)
			.expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
			.expectHeader()
			.exists(HttpHeaders.RETRY_AFTER);
		this.client.login(dee.email(), MemberClient.PASSWORD, MemberClient.newIp()).expectStatus().isOk();
	}

	@Test
	void signupsPerAddressAreLimited() {
		String ip = MemberClient.newIp();
		for (int i = 0; i < 3; i++) {
			signup(ip, MemberClient.uniqueHandle("bulk")).expectStatus().isCreated();
		}
		long before = this.rows.count("member");
		signup(ip, MemberClient.uniqueHandle("bulk"))
			.expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
			.expectHeader()
			.exists(HttpHeaders.RETRY_AFTER);
		assertThat(this.rows.count("member")).isEqualTo(before);
		signup(MemberClient.newIp(), MemberClient.uniqueHandle("bulk")).expectStatus().isCreated();
	}

	private WebTestClient.ResponseSpec signup(String ip, String handle) {
		return this.client.http()
			.post()
			.uri("/api/auth/signup")
			.header("X-Forwarded-For", ip + ", 192.0.2.1")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", handle + "@example.org", "password", MemberClient.PASSWORD, "handle", handle,
					"displayName", "Bulk"))
			.exchange();
	}

	@SuppressWarnings("unchecked")
	private EntityExchangeResult<Map<String, Object>> failure(String email, String password) {
		return (EntityExchangeResult<Map<String, Object>>) (Object) this.client.login(email, password, MemberClient.newIp())
			.expectBody(Map.class)
			.returnResult();
	}

	private static Map<String, Object> comparable(Map<String, Object> problem) {
		Map<String, Object> copy = new TreeMap<>(problem);
		copy.remove("traceId");
		return copy;
	}

	private static Map<String, List<String>> comparable(HttpHeaders headers) {
		Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		headers.forEach(copy::put);
		copy.keySet().removeAll(List.of("Date", "X-Trace-Id", "traceparent", "Content-Length"));
		return copy;
	}

	private String accountCounter(Account account, String ip) {
		return this.redis.opsForValue()
			.get(this.keyPrefix + "member:login:fail:account:" + sha256(account.email()) + ":" + ip)
			.block();
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256")
					.digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
