package io.chorus.activity.events;

import io.chorus.platform.passport.Roles;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.chorus.activity.testing.IntegrationTestBase;
import io.chorus.platform.events.CloudEvent;
import io.chorus.platform.events.consumer.DeadLetters;
import io.chorus.testkit.passport.TestPassports;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import static org.assertj.core.api.Assertions.assertThat;

/** Dead letters, their replay after a fix, rewinding the group, and who may do that. */
class ReplayIntegrationTests extends IntegrationTestBase {

	private static final String ME = "/api/activity/me";

	@Autowired
	MeterRegistry meters;

	@Test
	void aFailingEventIsDeadLetteredAfterTheConfiguredAttemptsAndAppliedOnceWhenReplayedAfterTheFix() {
		CloudEvent like = this.events.postLikedEvent("q-p1", "q-ann", "q-bob");
		this.faults.failFor(like.id());
		this.events.publish(this.events.contentTopic, like);

		String dlq = DeadLetters.topic(this.events.contentTopic, this.group);
		ConsumerRecord<String, byte[]> dead = deadLetter(dlq, like.id());
		assertThat(header(dead, DeadLetters.ATTEMPTS)).isEqualTo("3");
		assertThat(header(dead, DeadLetters.ERROR_MESSAGE)).contains("switched-on failure");
		assertThat(this.faults.calls(like.id())).isEqualTo(3);
		assertThat(all(ME, "q-ann")).isEmpty();

		this.faults.fix(like.id());
		replay(this.events.contentTopic).expectStatus().isOk().expectBody().jsonPath("$.replayed").isEqualTo(1);

		awaitItems(ME, "q-ann", i -> i.size() == 1);
		// a second replay has nothing new; a later event proves everything before it was consumed
		replay(this.events.contentTopic).expectStatus().isOk().expectBody().jsonPath("$.replayed").isEqualTo(0);
		this.events.postLiked("q-p2", "q-ann", "q-bob");
		List<JsonNode> items = awaitItems(ME, "q-ann", i -> i.size() == 2);
		assertThat(items).extracting(i -> i.path("postId").asString()).containsExactlyInAnyOrder("q-p1", "q-p2");
		assertThat(this.faults.calls(like.id())).as("3 failed attempts, then applied once").isEqualTo(4);
	}

	@Test
	void anEventViolatingTheSchemaIsDeadLetteredWithoutRetries() {
		// music.events here, so the content dead letters of the other test stay its own
		CloudEvent bad = this.events.publish(this.events.musicTopic, this.events.event("music", "track", "published",
				"v-t1", Map.of("trackId", "v-t1", "artistId", "v-a1", "ownerId", "v-bob", "durationMs", 1000)));

		ConsumerRecord<String, byte[]> dead = deadLetter(DeadLetters.topic(this.events.musicTopic, this.group),
				bad.id());

		assertThat(header(dead, DeadLetters.ATTEMPTS)).isEqualTo("1");
		assertThat(header(dead, DeadLetters.ERROR_MESSAGE)).contains("title");
		assertThat(this.faults.calls(bad.id())).isEqualTo(1);
	}

	@Test
	void rewindingReadsAgainWithoutDuplicates() {
		Instant from = Instant.now().minusSeconds(1);
		this.events.followed("w-bob", "w-ann");
		this.events.postLiked("w-p1", "w-ann", "w-bob");
		this.events.postLiked("w-p2", "w-ann", "w-bob");
		awaitItems(ME, "w-ann", i -> i.size() == 3);
		double processedBefore = processed();

		this.http.post()
			.uri("/api/activity/admin/rewind")
			.header(TestPassports.HEADER, admin())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("topic", this.events.contentTopic, "from", from.toString()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.group")
			.isEqualTo(this.group)
			.jsonPath("$.forgottenDedupeEntries")
			.value(n -> assertThat(((Number) n).longValue()).isGreaterThanOrEqualTo(2));

		// a later event on the same single-partition topic: once applied, the re-read ones were too
		this.events.postLiked("w-p3", "w-ann", "w-bob");
		List<JsonNode> items = awaitItems(ME, "w-ann", i -> i.size() == 4);
		assertThat(items).extracting(i -> i.path("id").asString()).doesNotHaveDuplicates();
		assertThat(processed() - processedBefore).as("the two likes were applied again, plus the new one")
			.isGreaterThanOrEqualTo(3);
		// and the consumer runs again after the rewind
		this.events.followed("w-cid", "w-ann");
		awaitItems(ME, "w-ann", i -> i.size() == 5);
	}

	@Test
	void adminEndpointsRefuseAnyoneWithoutTheAdminRole() {
		for (String path : List.of("/api/activity/admin/dead-letters", "/api/activity/admin/rewind")) {
			this.http.post()
				.uri(path)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("topic", this.events.contentTopic, "from", Instant.now().toString()))
				.exchange()
				.expectStatus()
				.isUnauthorized();
			this.http.post()
				.uri(path)
				.header(TestPassports.HEADER, member("plain"))
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("topic", this.events.contentTopic, "from", Instant.now().toString()))
				.exchange()
				.expectStatus()
				.isForbidden()
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		}
	}

	@Test
	void adminRequestsAreValidated() {
		this.http.post()
			.uri("/api/activity/admin/rewind")
			.header(TestPassports.HEADER, admin())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("topic", "someone.elses.topic", "from", "yesterday"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[?(@.field == 'topic')]")
			.exists()
			.jsonPath("$.errors[?(@.field == 'from')]")
			.exists();
		this.http.post()
			.uri("/api/activity/admin/dead-letters")
			.header(TestPassports.HEADER, admin())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("topic", this.events.contentTopic, "group", "timeline"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("group");
	}

	private ResponseSpec replay(String topic) {
		return this.http.post()
			.uri("/api/activity/admin/dead-letters")
			.header(TestPassports.HEADER, admin())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("topic", topic, "group", this.group))
			.exchange();
	}

	private static String admin() {
		return passports.valid("ops-1", "ops", Roles.ADMIN);
	}

	private ConsumerRecord<String, byte[]> deadLetter(String topic, String eventId) {
		return this.events.find(topic, record -> this.codec.decode(record.value()).id().equals(eventId));
	}

	private static String header(ConsumerRecord<String, byte[]> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

	private double processed() {
		return this.meters.find("chorus.consumer.events")
			.tag("group", this.group)
			.tag("outcome", "processed")
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

}
