package io.chorus.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.chorus.e2e.Visitor.Account;
import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import io.chorus.testkit.kafka.KafkaBroker;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write path end to end: members act through the gateway (member and content write, their
 * outboxes publish), activity consumes the events and answers notifications through the gateway.
 * Includes the no-loss case: with Kafka down, writes still succeed; once it is back, every event
 * reaches activity, exactly once in effect.
 */
@ChorusInfrastructure({ Infra.MARIADB, Infra.REDIS, Infra.KAFKA, Infra.MONGO })
class ActivityThroughGatewayIntegrationTests {

	private static final Duration EVENTUALLY = Duration.ofSeconds(60);

	private static ChorusStack stack;

	@BeforeAll
	static void start(TestNamespace namespace) {
		// Short producer timeouts so the outbox relay notices a stopped broker and retries quickly.
		stack = ChorusStack.on(namespace)
			.withActivity()
			.content("chorus.kafka.producer.delivery.timeout.ms", "4000")
			.content("chorus.kafka.producer.request.timeout.ms", "2000")
			.content("chorus.kafka.producer.max.block.ms", "2000")
			.content("chorus.outbox.max-backoff", "1s")
			.start();
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
	}

	// Bob's reply goes under Ada's own comment on her post: one COMMENT_REPLIED, not also POST_COMMENTED.
	@Test
	void followsLikesCommentsAndRepliesBecomeNotificationsForTheirTarget() {
		Visitor visitor = new Visitor(stack);
		Account ada = visitor.signup("ada");
		Account bob = visitor.signup("bob");
		String adaToken = visitor.login(ada).accessToken();
		String bobToken = visitor.login(bob).accessToken();

		visitor.send("PUT", "/api/members/" + ada.id() + "/follow", bobToken).exchange().expectStatus().is2xxSuccessful();
		String postId = visitor.post(adaToken, "my first song");
		visitor.send("PUT", "/api/posts/" + postId + "/like", bobToken).exchange().expectStatus().isNoContent();
		visitor.send("PUT", "/api/posts/" + postId + "/like", adaToken).exchange().expectStatus().isNoContent();
		String commentId = (String) Visitor.mapResult(visitor.sendJson("POST", "/api/posts/" + postId + "/comments",
				adaToken, Map.of("text", "thanks for listening")).expectStatus().isCreated()).getResponseBody().get("id");
		visitor.sendJson("POST", "/api/posts/" + postId + "/comments", bobToken,
				Map.of("text", "lovely", "parentId", commentId)).expectStatus().isCreated();

		Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(kinds(visitor, adaToken))
			.containsExactlyInAnyOrder("FOLLOWED", "POST_LIKED", "COMMENT_REPLIED"));
		List<Map<String, Object>> items = items(visitor, adaToken);
		assertThat(items).allSatisfy((item) -> assertThat(item.get("actor")).asInstanceOf(
				org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("id", bob.id()));
		// Ada's own like and comment are not news to her; Bob hears nothing about himself either.
		assertThat(kinds(visitor, bobToken)).isEmpty();
		visitor.get("/api/activity/me", null).expectStatus().isUnauthorized();
	}

	@Test
	void eventsWrittenWhileKafkaIsDownReachActivityExactlyOnceAfterItReturns(TestNamespace namespace) {
		Visitor visitor = new Visitor(stack);
		Account ada = visitor.signup("ada");
		Account bob = visitor.signup("bob");
		String adaToken = visitor.login(ada).accessToken();
		String bobToken = visitor.login(bob).accessToken();
		// Everything before the outage has arrived (the pipeline is warm).
		String warm = visitor.post(adaToken, "before the outage");
		visitor.send("PUT", "/api/posts/" + warm + "/like", bobToken).exchange().expectStatus().isNoContent();
		Awaitility.await().atMost(EVENTUALLY).until(() -> kinds(visitor, adaToken).size() == 1);

		KafkaBroker kafka = namespace.kafka();
		List<String> posts = new ArrayList<>();
		kafka.stop();
		try {
			for (int i = 0; i < 3; i++) {
				String postId = visitor.post(adaToken, "written in the dark " + i);
				visitor.send("PUT", "/api/posts/" + postId + "/like", bobToken).exchange().expectStatus().isNoContent();
				visitor.sendJson("POST", "/api/posts/" + postId + "/comments", bobToken, Map.of("text", "heard it " + i))
					.expectStatus()
					.isCreated();
				posts.add(postId);
			}
		}
		finally {
			kafka.start();
		}

		// 1 like before + 3 likes and 3 comments in the dark, each exactly once.
		Awaitility.await().atMost(EVENTUALLY).until(() -> kinds(visitor, adaToken).size() >= 7);
		List<Map<String, Object>> items = items(visitor, adaToken);
		assertThat(items).extracting((item) -> item.get("kind") + "@" + item.get("postId"))
			.doesNotHaveDuplicates()
			.hasSize(7)
			.containsAll(posts.stream().flatMap((p) -> List.of("POST_LIKED@" + p, "POST_COMMENTED@" + p).stream()).toList());
	}

	private static List<String> kinds(Visitor visitor, String token) {
		return items(visitor, token).stream().map((item) -> (String) item.get("kind")).toList();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> items(Visitor visitor, String token) {
		Map<String, Object> page = Visitor.mapResult(visitor.get("/api/activity/me?limit=100", token).expectStatus().isOk())
			.getResponseBody();
		assertThat(page).isNotNull();
		return (List<Map<String, Object>>) page.get("items");
	}

}
