package io.chorus.member.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.chorus.member.testing.IntegrationTestBase;
import io.chorus.member.testing.MemberClient;
import io.chorus.member.testing.MemberClient.Account;
import io.chorus.member.testing.MemberClient.Tokens;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Signup, login, me, refresh rotation and reuse detection, logout flavours, deactivation. */
class AuthHandlerIntegrationTests extends IntegrationTestBase {

	@Test
	void signupLoginMeAndTheTokenContract() throws Exception {
		Account ann = this.client.signup("ann");
		assertThat(this.rows.count("SELECT COUNT(*) FROM member WHERE id = ? AND roles = 'member'", ann.id())).isOne();

		Tokens tokens = this.client.login(ann);
		assertThat(tokens.body()).containsEntry("tokenType", "Bearer").containsEntry("expiresIn", 900);
		assertThat(tokens.body().get("member")).isEqualTo(Map.of("id", ann.id(), "handle", ann.handle(),
				"displayName", "Member " + ann.handle()));
		ResponseCookie cookie = tokens.cookie();
		assertThat(cookie.isHttpOnly()).isTrue();
		assertThat(cookie.isSecure()).isTrue();
		assertThat(cookie.getSameSite()).isEqualTo("Strict");
		assertThat(cookie.getPath()).isEqualTo("/api/auth");
		assertThat(cookie.getMaxAge()).isEqualTo(Duration.ofDays(30));
		// only the hash is stored
		assertThat(this.rows.count("SELECT COUNT(*) FROM refresh_token WHERE token_hash = ?", tokens.refreshToken()))
			.isZero();
		assertThat(this.rows.count("SELECT COUNT(*) FROM refresh_token WHERE member_id = ?", ann.id())).isOne();

		String jwks = this.client.http()
			.get()
			.uri("/.well-known/jwks.json")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.cacheControl(CacheControl.maxAge(Duration.ofSeconds(60)).cachePublic())
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		JWKSet set = JWKSet.parse(jwks);
		assertThat(set.getKeys()).allSatisfy((key) -> assertThat(key.isPrivate()).isFalse());
		SignedJWT jwt = SignedJWT.parse(tokens.accessToken());
		assertThat(jwt.getHeader().getKeyID()).isEqualTo(set.getKeys().get(0).getKeyID());
		assertThat(jwt.verify(new ECDSAVerifier(set.getKeys().get(0).toECKey()))).isTrue();
		JWTClaimsSet claims = jwt.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo("chorus-member");
		assertThat(claims.getSubject()).isEqualTo(ann.id());
		assertThat(claims.getStringListClaim("roles")).containsExactly("member");
		assertThat(claims.getStringClaim("handle")).isEqualTo(ann.handle());
		assertThat(claims.getJWTID()).isNotBlank();

		this.client.get("/api/members/me", ann)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id").isEqualTo(ann.id())
			.jsonPath("$.email").isEqualTo(ann.email())
			.jsonPath("$.roles[0]").isEqualTo("member")
			.jsonPath("$.followerCount").isEqualTo(0);
		this.client.get("/api/members/me", null).exchange().expectStatus().isUnauthorized();

		this.events.await("chorus.member.member.registered.v1", (e) -> e.subject().equals(ann.id())
				&& e.key().equals(ann.id()) && e.data().path("handle").asString().equals(ann.handle()));
	}

	@Test
	void signupAnswersWithTheResourceAndRefusesDuplicatesPerField() {
		Account bob = this.client.signup("bob");
		this.client.get("/api/members/" + bob.id(), null).exchange().expectStatus().isOk();
		long before = this.rows.count("member");
		this.client.http()
			.post()
			.uri("/api/auth/signup")
			.header("X-Forwarded-For", MemberClient.newIp())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", bob.email().toUpperCase(), "password", MemberClient.PASSWORD, "handle",
					bob.handle().toUpperCase(), "displayName", "Bob again"))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONFLICT)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[?(@.field == 'email')]").exists()
			.jsonPath("$.errors[?(@.field == 'handle')]").exists();
		assertThat(this.rows.count("member")).isEqualTo(before);
	}

	// Repeated: concurrent duplicate inserts can make InnoDB pick a deadlock victim, which must
	// still end as 409, never 500.
	@RepeatedTest(4)
	void concurrentSignupsForOneEmailCreateOneAccount() {
		String handle = MemberClient.uniqueHandle("twin");
		WebClient web = WebClient.create("http://127.0.0.1:" + this.port);
		List<Integer> statuses = Flux.range(0, 4)
			.flatMap((i) -> web.post()
				.uri("/api/auth/signup")
				.header("X-Forwarded-For", MemberClient.newIp())
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("email", handle + "@example.org", "password", MemberClient.PASSWORD, "handle",
						handle + "_" + i, "displayName", "Twin"))
				.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value())), 4)
			.collectList()
			.block(Duration.ofSeconds(60));
		assertThat(statuses).containsOnly(201, 409).filteredOn((s) -> s == 201).hasSize(1);
		assertThat(this.rows.count("SELECT COUNT(*) FROM member WHERE email = ?", handle + "@example.org")).isOne();
	}

	@Test
	void refreshRotatesAndReuseRevokesTheWholeFamily() {
		Account cid = this.client.signup("cid");
		Tokens first = this.client.login(cid);
		Tokens second = MemberClient.tokens(this.client.refresh(first.refreshToken()).expectStatus().isOk());
		assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
		assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
		Tokens third = MemberClient.tokens(this.client.refresh(second.refreshToken()).expectStatus().isOk());

		// the first token again: theft suspected, and the gateway is told whose access tokens to revoke
		this.client.refresh(first.refreshToken())
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals("X-Relogin-Required", "true")
			.expectHeader()
			.valueEquals("X-Internal-Revoke-Sessions-Of", cid.id())
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		// ... and the newest token of that family is dead too (an ordinary relogin, no theft signal)
		this.client.refresh(third.refreshToken())
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals("X-Relogin-Required", "true")
			.expectHeader()
			.doesNotExist("X-Internal-Revoke-Sessions-Of");
		assertThat(this.rows.count("SELECT COUNT(*) FROM refresh_token WHERE member_id = ? AND revoked = FALSE",
				cid.id()))
			.isZero();

		// a new login is a new family and works
		Tokens again = this.client.login(cid);
		this.client.refresh(again.refreshToken()).expectStatus().isOk();
	}

	@Test
	void unknownMissingOrMalformedRefreshTokenNeedsRelogin() {
		for (String token : new String[] { null, "garbage", "A".repeat(43) }) {
			this.client.refresh(token)
				.expectStatus()
				.isUnauthorized()
				.expectHeader()
				.valueEquals("X-Relogin-Required", "true")
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		}
	}

	@Test
	void expiredRefreshTokenNeedsReloginAndIsNotRotated() {
		Account hal = this.client.signup("hal");
		Tokens tokens = this.client.login(hal);
		this.db.sql("UPDATE refresh_token SET expires_at = '2020-01-01 00:00:00' WHERE member_id = :id")
			.bind("id", hal.id())
			.then()
			.block();
		this.client.refresh(tokens.refreshToken())
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals("X-Relogin-Required", "true");
		assertThat(this.rows.count("SELECT COUNT(*) FROM refresh_token WHERE member_id = ? AND rotated_at IS NULL",
				hal.id()))
			.isOne();
		assertThat(this.rows.count("SELECT COUNT(*) FROM refresh_token WHERE member_id = ?", hal.id())).isOne();
	}

	@Test
	void concurrentRefreshesWithOneTokenHaveExactlyOneWinnerAndNeverTwoValidTokens() {
		Account dee = this.client.signup("dee");
		Tokens tokens = this.client.login(dee);
		WebClient web = WebClient.create("http://127.0.0.1:" + this.port);
		List<Integer> statuses = Flux.range(0, 8)
			.flatMap((i) -> web.post()
				.uri("/api/auth/refresh")
				.cookie("refresh_token", tokens.refreshToken())
				.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value())), 8)
			.collectList()
			.block(Duration.ofSeconds(60));
		assertThat(statuses).hasSize(8);
		assertThat(statuses).filteredOn((s) -> s == 200).hasSize(1);
		assertThat(statuses).filteredOn((s) -> s == 401).hasSize(7);
		// at most one unrotated, unrevoked token may exist in the family; with losers present,
		// reuse detection revoked it as well
		assertThat(this.rows.count(
				"SELECT COUNT(*) FROM refresh_token WHERE member_id = ? AND revoked = FALSE AND rotated_at IS NULL",
				dee.id()))
			.isLessThanOrEqualTo(1)
			.isZero();
		assertThat(this.rows.count("SELECT COUNT(*) FROM refresh_token WHERE member_id = ?", dee.id())).isEqualTo(2);
	}

	@Test
	void logoutRevokesItsFamilyOnlyAndClearsTheCookie() {
		Account eve = this.client.signup("eve");
		Tokens phone = this.client.login(eve);
		Tokens laptop = this.client.login(eve);
		this.client.http()
			.post()
			.uri("/api/auth/logout")
			.cookie("refresh_token", phone.refreshToken())
			.exchange()
			.expectStatus()
			.isNoContent()
			.expectCookie()
			.maxAge("refresh_token", Duration.ZERO)
			.expectCookie()
			.path("refresh_token", "/api/auth");
		this.client.refresh(phone.refreshToken()).expectStatus().isUnauthorized();
		this.client.refresh(laptop.refreshToken()).expectStatus().isOk();
		// without a cookie logout is still a 204
		this.client.http().post().uri("/api/auth/logout").exchange().expectStatus().isNoContent();
	}

	@Test
	void logoutAllRevokesEveryFamily() {
		Account fay = this.client.signup("fay");
		Tokens phone = this.client.login(fay);
		Tokens laptop = this.client.login(fay);
		this.client.http().post().uri("/api/auth/logout-all").exchange().expectStatus().isUnauthorized();
		this.client.send("POST", "/api/auth/logout-all", fay).exchange().expectStatus().isNoContent();
		this.client.refresh(phone.refreshToken()).expectStatus().isUnauthorized();
		this.client.refresh(laptop.refreshToken())
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals("X-Relogin-Required", "true");
		this.client.login(fay);
	}

	@Test
	void deactivationEndsEverySessionAndLogin() {
		Account gus = this.client.signup("gus");
		Account fan = this.client.signup("fan");
		Tokens tokens = this.client.login(gus);
		this.client.send("PUT", "/api/members/" + gus.id() + "/follow", fan).exchange().expectStatus().isNoContent();

		this.client.send("DELETE", "/api/members/me", gus).exchange().expectStatus().isNoContent();

		this.client.refresh(tokens.refreshToken())
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals("X-Relogin-Required", "true");
		this.client.login(gus.email(), MemberClient.PASSWORD, MemberClient.newIp())
			.expectStatus()
			.isUnauthorized();
		this.client.get("/api/members/" + gus.id(), null).exchange().expectStatus().isNotFound();
		this.client.get("/api/members/" + fan.id(), null)
			.exchange()
			.expectBody()
			.jsonPath("$.followingCount")
			.isEqualTo(0);
		assertThat(this.rows.count("SELECT COUNT(*) FROM member WHERE id = ? AND status = 'DEACTIVATED'", gus.id()))
			.isOne();
		this.events.await("chorus.member.member.deactivated.v1", (e) -> e.subject().equals(gus.id()));
	}

}
