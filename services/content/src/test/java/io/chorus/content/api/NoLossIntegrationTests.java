package io.chorus.content.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.chorus.content.events.ContentEvents;
import io.chorus.content.testing.ContentClient;
import io.chorus.content.testing.ContentClient.Member;
import io.chorus.content.testing.ContentEventsOnKafka.Received;
import io.chorus.content.testing.IntegrationTestBase;
import io.chorus.testkit.TestNamespace;
import io.chorus.testkit.kafka.KafkaBroker;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes do not depend on Kafka: with the broker stopped, posts, edits and likes still succeed
 * (their events wait in the outbox), and after it returns every event arrives exactly once, in
 * each post's order.
 */
@TestPropertySource(properties = { "chorus.kafka.producer.delivery.timeout.ms=4000",
		"chorus.kafka.producer.request.timeout.ms=2000", "chorus.kafka.producer.max.block.ms=2000",
		"chorus.outbox.initial-backoff=100ms", "chorus.outbox.max-backoff=1s" })
class NoLossIntegrationTests extends IntegrationTestBase {

	@Test
	void eventsWrittenWhileKafkaIsDownArriveExactlyOnceInOrderAfterItReturns(TestNamespace namespace) {
		Member ada = ContentClient.newMember("ada");
		Member bob = ContentClient.newMember("bob");
		// The relay is warm (its producer has talked to the broker) before the broker goes away.
		String warmUp = this.client.createPost(ada, "before the outage");
		this.events.ofPost(warmUp, (e) -> ContentEvents.POST_CREATED.equals(e.type()));

		KafkaBroker kafka = namespace.kafka();
		List<String> postIds = new ArrayList<>();
		kafka.stop();
		try {
			for (int i = 0; i < 4; i++) {
				String postId = this.client.createPost(ada, "written in the dark " + i);
				this.client.sendJson("PUT", "/api/posts/" + postId, ada, Map.of("text", "edited in the dark " + i))
					.expectStatus()
					.isOk();
				this.client.send("PUT", "/api/posts/" + postId + "/like", bob).exchange().expectStatus().isNoContent();
				postIds.add(postId);
			}
			for (String postId : postIds) {
				assertThat(this.rows.count("SELECT COUNT(*) FROM chorus_outbox WHERE record_key = ? AND sent_at IS NULL",
						postId))
					.as("events of %s waiting in the outbox", postId)
					.isEqualTo(3);
			}
		}
		finally {
			kafka.start();
		}
		// The relay drains the backlog once the broker is back.
		Awaitility.await()
			.atMost(Duration.ofSeconds(60))
			.until(() -> this.rows.count("SELECT COUNT(*) FROM chorus_outbox WHERE sent_at IS NULL") == 0);
		String marker = this.client.createPost(ada, "after the outage");

		List<Received> all = this.events.untilAll((seen) -> seen.stream().anyMatch((e) -> marker.equals(e.key()))
				&& postIds.stream().allMatch((id) -> seen.stream().filter((e) -> id.equals(e.key())).count() >= 3));

		for (String postId : postIds) {
			List<Received> ofPost = all.stream().filter((e) -> postId.equals(e.key())).toList();
			assertThat(ofPost).extracting(Received::type)
				.as("events of %s among %s", postId, all.stream().map((e) -> e.key() + "@" + e.partition() + ":" + e.type()).toList())
				.containsExactly(ContentEvents.POST_CREATED, ContentEvents.POST_UPDATED, ContentEvents.POST_LIKED);
			assertThat(ofPost).extracting((e) -> e.data().path("version").asLong(0))
				.containsExactly(1L, 2L, 0L);
		}
		Set<String> ids = new HashSet<>();
		all.forEach((e) -> assertThat(ids.add(e.id())).as("event %s delivered once", e.id()).isTrue());
		assertThat(this.rows.count("SELECT COUNT(*) FROM chorus_outbox WHERE sent_at IS NULL")).isZero();
	}

}
