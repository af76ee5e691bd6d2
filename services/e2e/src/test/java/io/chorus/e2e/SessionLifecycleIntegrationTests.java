package io.chorus.e2e;

import java.time.Duration;

import io.chorus.e2e.Visitor.Account;
import io.chorus.e2e.Visitor.Tokens;
import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import io.chorus.testkit.blockhound.BlockHoundProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A member's session from signup to logout, through the gateway only: the token contract
 * between member (issues, rotates, revokes) and the gateway (verifies, refuses, hints).
 */
@ChorusInfrastructure({ Infra.MARIADB, Infra.REDIS, Infra.KAFKA })
class SessionLifecycleIntegrationTests {

	private static ChorusStack stack;

	@BeforeAll
	static void start(TestNamespace namespace) {
		stack = ChorusStack.on(namespace).start();
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void blockHoundWatchesTheEventLoops() {
		BlockHoundProbe.assertInstalled();
	}

	@Test
	void signupLoginProtectedCallRefreshReuseAndLogout() {
		Visitor ada = new Visitor(stack);
		Account account = ada.signup("ada");
		ada.get("/api/members/me", null).expectStatus().isUnauthorized();

		Tokens first = ada.login(account);
		ada.get("/api/members/me", first.accessToken())
			.expectStatus()
			.isOk()
			.expectHeader()
			.exists("X-Trace-Id")
			.expectHeader()
			.doesNotExist("X-Token-Refresh-Needed")
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(account.id())
			.jsonPath("$.email")
			.isEqualTo(account.email());

		// Refresh rotates: a new refresh token and a new access token, both usable.
		Tokens second = Visitor.tokens(ada.refresh(first.refreshToken()).expectStatus().isOk());
		assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
		ada.get("/api/members/me", second.accessToken()).expectStatus().isOk();

		// Reusing the rotated token is theft: the whole family dies, the client must log in again.
		ada.refresh(first.refreshToken())
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals("X-Relogin-Required", "true")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		ada.refresh(second.refreshToken()).expectStatus().isUnauthorized().expectHeader().valueEquals("X-Relogin-Required", "true");

		// Logout: the gateway refuses that access token from now on, although it has not expired.
		Tokens third = ada.login(account);
		ada.get("/api/members/me", third.accessToken()).expectStatus().isOk();
		ada.send("POST", "/api/auth/logout", third.accessToken())
			.cookie("refresh_token", third.refreshToken())
			.exchange()
			.expectStatus()
			.isNoContent();
		ada.get("/api/members/me", third.accessToken())
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals("X-Relogin-Required", "true")
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:chorus:problem:token-revoked");
		ada.refresh(third.refreshToken()).expectStatus().isUnauthorized();
		// A fresh login still works after logout.
		ada.get("/api/members/me", ada.login(account).accessToken()).expectStatus().isOk();
	}

	@Test
	void logoutAllEndsEverySessionAtTheGateway() {
		Visitor bea = new Visitor(stack);
		Account account = bea.signup("bea");
		Tokens phone = bea.login(account);
		Tokens laptop = bea.login(account);
		bea.send("POST", "/api/auth/logout-all", laptop.accessToken()).exchange().expectStatus().isNoContent();
		bea.get("/api/members/me", phone.accessToken()).expectStatus().isUnauthorized().expectHeader().valueEquals("X-Relogin-Required", "true");
		bea.get("/api/members/me", laptop.accessToken()).expectStatus().isUnauthorized();
		bea.refresh(phone.refreshToken()).expectStatus().isUnauthorized();
	}

	@Test
	void anExpiredAccessTokenGetsTheRefreshHintAndRefreshRecovers() {
		Visitor cal = new Visitor(stack);
		Account account = cal.signup("cal");
		Tokens tokens = cal.login(account);
		cal.get("/api/members/me", tokens.accessToken()).expectStatus().isOk();

		stack.clock().advance(Duration.ofMinutes(16)); // access tokens live 15 minutes
		cal.get("/api/members/me", tokens.accessToken())
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals("X-Token-Refresh-Needed", "true")
			.expectHeader()
			.doesNotExist("X-Relogin-Required")
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:chorus:problem:token-expired");

		// The client follows the hint: refresh (the expired access token is not needed for it).
		Tokens renewed = Visitor.tokens(cal.refresh(tokens.refreshToken()).expectStatus().isOk());
		cal.get("/api/members/me", renewed.accessToken()).expectStatus().isOk().expectBody().jsonPath("$.id").isEqualTo(account.id());
	}

	@Test
	void deactivationRefusesTheTokenAndTheLogin() {
		Visitor dee = new Visitor(stack);
		Account account = dee.signup("dee");
		Tokens tokens = dee.login(account);
		dee.send("DELETE", "/api/members/me", tokens.accessToken()).exchange().expectStatus().isNoContent();
		dee.get("/api/members/me", tokens.accessToken()).expectStatus().isUnauthorized();
		dee.login(account.email(), Visitor.PASSWORD).expectStatus().isUnauthorized();
		dee.get("/api/members/" + account.id(), null).expectStatus().isNotFound();
	}

}
