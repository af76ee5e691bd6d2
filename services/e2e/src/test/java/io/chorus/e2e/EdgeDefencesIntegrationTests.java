package io.chorus.e2e;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.chorus.e2e.Visitor.Account;
import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the edge refuses or ignores, seen from outside: internal identity headers from clients,
 * floods, account probing, and bad input (answered as problems, with nothing written).
 */
@ChorusInfrastructure({ Infra.MARIADB, Infra.REDIS, Infra.KAFKA })
class EdgeDefencesIntegrationTests {

	private static final int MEMBER_BUCKET = 15;

	private static ChorusStack stack;

	@BeforeAll
	static void start(TestNamespace namespace) {
		stack = ChorusStack.on(namespace)
			.gateway("chorus.gateway.rate-limit.member.capacity", String.valueOf(MEMBER_BUCKET))
			.gateway("chorus.gateway.rate-limit.member.refill-per-second", "0.1")
			.start();
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void identityHeadersFromOutsideAreIgnored() throws Exception {
		Visitor visitor = new Visitor(stack);
		Account ann = visitor.signup("ann");
		Account bob = visitor.signup("bob");
		String annToken = visitor.login(ann).accessToken();
		// Even a passport signed with the gateway's real key (stolen or replayed) is stripped.
		String bobPassport = passport(bob);

		visitor.http().get().uri("/api/members/me").header("X-Passport", bobPassport).exchange().expectStatus().isUnauthorized();
		visitor.http().get().uri("/api/members/me").header("X-Member-Id", bob.id()).header("X-User-Id", bob.id()).exchange().expectStatus().isUnauthorized();
		visitor.http()
			.get()
			.uri("/api/members/me")
			.headers((h) -> h.setBearerAuth(annToken))
			.header("X-Passport", bobPassport)
			.header("X-Member-Id", bob.id())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(ann.id());
		// A write as "bob" from outside does not happen: ann follows, and only with her own token.
		visitor.send("PUT", "/api/members/" + ann.id() + "/follow", null).header("X-Passport", bobPassport).exchange().expectStatus().isUnauthorized();
		visitor.get("/api/members/" + ann.id(), null).expectStatus().isOk().expectBody().jsonPath("$.followerCount").isEqualTo(0);
	}

	@Test
	void aFloodFromOneMemberIsCutOffWithRetryAfter() {
		Visitor visitor = new Visitor(stack);
		Account cat = visitor.signup("cat");
		String token = visitor.login(cat).accessToken();
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < MEMBER_BUCKET + 5; i++) {
			statuses.add(visitor.get("/api/members/me", token).returnResult(String.class).getStatus().value());
		}
		assertThat(statuses.subList(0, MEMBER_BUCKET - 1)).containsOnly(200);
		assertThat(statuses.subList(MEMBER_BUCKET, statuses.size())).containsOnly(429);
		visitor.get("/api/members/me", token)
			.expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
			.expectHeader()
			.value("Retry-After", (value) -> assertThat(Integer.parseInt(value)).isPositive())
			.expectHeader()
			.valueEquals("X-RateLimit-Remaining", "0")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:chorus:problem:rate-limited");
		// Another member is not affected by cat's flood.
		Visitor other = new Visitor(stack);
		other.get("/api/members/me", other.login(other.signup("dan")).accessToken()).expectStatus().isOk();
	}

	@Test
	void loginProbesGetTheSameAnswerWhetherTheAccountExistsOrNot() {
		Visitor setup = new Visitor(stack);
		Account eli = setup.signup("eli");
		Visitor probeKnown = new Visitor(stack);
		Visitor probeUnknown = new Visitor(stack);
		List<Map<String, Object>> known = new ArrayList<>();
		List<Map<String, Object>> unknown = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			known.add(comparable(probeKnown.login(eli.email(), "Wrong-password-1")));
			unknown.add(comparable(probeUnknown.login("nobody_" + eli.handle() + "@example.org", "Wrong-password-1")));
		}
		assertThat(known).isEqualTo(unknown);
		assertThat(known.get(0)).containsEntry("status", 401);
		// The per-account throttle engages for both after the same number of failures.
		assertThat(known.get(6)).containsEntry("status", 429);
	}

	@Test
	void badInputIsAProblemWithFieldReasonsAndWritesNothing() {
		Visitor visitor = new Visitor(stack);
		String handle = Visitor.uniqueHandle("fay");
		String email = handle + "@example.org";
		problem(post(visitor, "/api/auth/signup", "{\"email\": "), 400);
		problem(post(visitor, "/api/auth/signup", "{}"), 400).jsonPath("$.errors[?(@.field == 'email')]").exists()
			.jsonPath("$.errors[?(@.field == 'handle')]").exists();
		problem(post(visitor, "/api/auth/signup", signup(email, handle, "x".repeat(61))), 400)
			.jsonPath("$.errors[0].field").isEqualTo("displayName");
		problem(post(visitor, "/api/auth/signup", signup("x".repeat(250) + "@example.org", handle, "Fay")), 400)
			.jsonPath("$.errors[0].field").isEqualTo("email");
		problem(post(visitor, "/api/auth/signup",
				"{\"email\": \"" + email + "\", \"password\": 12345678901, \"handle\": \"" + handle + "\", \"displayName\": \"Fay\"}"), 400);
		problem(visitor.get("/api/members/@" + handle, null), 404);

		// Nothing was written: the very same email and handle are still free.
		Account fay = signupWith(visitor, email, handle);
		String token = visitor.login(fay).accessToken();
		problem(visitor.send("PATCH", "/api/members/me", token).contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"bio\": \"" + "b".repeat(281) + "\"}").exchange(), 400).jsonPath("$.errors[0].field").isEqualTo("bio");
		problem(visitor.send("PATCH", "/api/members/me", token).contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"displayName\": 5}").exchange(), 400);
		problem(visitor.send("PUT", "/api/members/me/handle", token).contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"handle\": \"ab\"}").exchange(), 400).jsonPath("$.errors[0].field").isEqualTo("handle");
		visitor.get("/api/members/me", token)
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.handle").isEqualTo(handle)
			.jsonPath("$.displayName").isEqualTo("Fay")
			.jsonPath("$.bio").doesNotExist();
	}

	private static Account signupWith(Visitor visitor, String email, String handle) {
		Map<?, ?> body = post(visitor, "/api/auth/signup", signup(email, handle, "Fay")).expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).isNotNull();
		return new Account((String) body.get("id"), email, handle);
	}

	private static String signup(String email, String handle, String displayName) {
		return "{\"email\": \"%s\", \"password\": \"%s\", \"handle\": \"%s\", \"displayName\": \"%s\"}".formatted(email,
				Visitor.PASSWORD, handle, displayName);
	}

	private static WebTestClient.ResponseSpec post(Visitor visitor, String uri, String json) {
		return visitor.http().post().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
	}

	private static WebTestClient.BodyContentSpec problem(WebTestClient.ResponseSpec response, int status) {
		return response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status").isEqualTo(status)
			.jsonPath("$.type").exists()
			.jsonPath("$.traceId").exists()
			.jsonPath("$.trace").doesNotExist();
	}

	/** A login answer without what legitimately differs per request. */
	private static Map<String, Object> comparable(WebTestClient.ResponseSpec response) {
		EntityExchangeResult<Map<String, Object>> result = Visitor.mapResult(response);
		Map<String, Object> body = new HashMap<>(result.getResponseBody() == null ? Map.of() : result.getResponseBody());
		body.remove("traceId");
		body.remove("instance");
		body.put("status", result.getStatus().value());
		body.put("retryAfter", result.getResponseHeaders().getFirst("Retry-After") != null);
		return body;
	}

	private static String passport(Account as) throws Exception {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("chorus-gateway")
			.audience("chorus-internal")
			.subject(as.id())
			.claim("handle", as.handle())
			.claim("roles", List.of("member"))
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(30)))
			.jwtID(UUID.randomUUID().toString())
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(stack.passportKey().getKeyID())
			.type(JOSEObjectType.JWT)
			.build(), claims);
		jwt.sign(new ECDSASigner(stack.passportKey()));
		return jwt.serialize();
	}

}
