package io.chorus.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.chorus.e2e.Visitor.Account;
import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Posts written through the gateway become searchable through the gateway (content → Kafka →
 * search's index): found by any word regardless of case and accents, more matching words rank
 * first, edits re-index, deletions are forgotten.
 */
@ChorusInfrastructure({ Infra.MARIADB, Infra.REDIS, Infra.KAFKA, Infra.MONGO })
class SearchThroughGatewayIntegrationTests {

	private static final Duration EVENTUALLY = Duration.ofSeconds(60);

	private static ChorusStack stack;

	@BeforeAll
	static void start(TestNamespace namespace) {
		stack = ChorusStack.on(namespace).withSearch().start();
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void postsAreFoundRankedReindexedAndForgotten() {
		Visitor visitor = new Visitor(stack);
		Account ada = visitor.signup("ada");
		String token = visitor.login(ada).accessToken();
		String word = "zither" + Visitor.uniqueHandle("w").replace("_", ""); // unique to this test run
		String one = visitor.post(token, "Session with a " + word);
		String both = visitor.post(token, "The " + word + " and the CAFÉ, together");
		String neither = visitor.post(token, "nothing to see here");

		Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(ids(visitor, word + " cafe"))
			.as("more matching words first, then newer").containsExactly(both, one));
		assertThat(ids(visitor, word.toUpperCase())).containsExactlyInAnyOrder(both, one).doesNotContain(neither);

		visitor.sendJson("PUT", "/api/posts/" + one, token, Map.of("text", "now about a harpsichord"))
			.expectStatus()
			.isOk();
		visitor.send("DELETE", "/api/posts/" + both, token).exchange().expectStatus().isNoContent();
		Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(ids(visitor, word)).isEmpty());
		assertThat(ids(visitor, "harpsichord")).contains(one);
	}

	@Test
	void badQueriesAreProblemsNamingTheField() {
		Visitor visitor = new Visitor(stack);
		visitor.get("/api/search?type=posts", null)
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[?(@.field == 'q')]")
			.exists();
		visitor.get("/api/search?q=x&type=songs", null)
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[?(@.field == 'type')]")
			.exists();
	}

	@SuppressWarnings("unchecked")
	private static List<String> ids(Visitor visitor, String q) {
		Map<String, Object> page = Visitor.mapResult(visitor.get("/api/search?type=posts&q=" + q.replace(" ", "+"), null)
			.expectStatus()
			.isOk()).getResponseBody();
		assertThat(page).isNotNull();
		return ((List<Map<String, Object>>) page.get("items")).stream().map((item) -> (String) item.get("id")).toList();
	}

}
