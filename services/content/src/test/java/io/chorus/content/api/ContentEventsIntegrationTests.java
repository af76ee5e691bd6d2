package io.chorus.content.api;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.chorus.content.events.ContentEvents;
import io.chorus.content.testing.ContentClient;
import io.chorus.content.testing.ContentClient.Member;
import io.chorus.content.testing.ContentEventsOnKafka;
import io.chorus.content.testing.ContentEventsOnKafka.Received;
import io.chorus.content.testing.IntegrationTestBase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** What reaches Kafka: the catalogue's types and payloads, keyed and ordered by post. */
class ContentEventsIntegrationTests extends IntegrationTestBase {

	@Test
	void onePostsLifeArrivesInOrderKeyedByThePost() {
		Member ada = ContentClient.newMember("ada");
		Member bob = ContentClient.newMember("bob");
		String postId = (String) this.client
			.createPost(ada, Map.of("text", "v1", "trackId", "trk1", "imageIds", List.of("i1")))
			.get("id");
		this.client.sendJson("PUT", "/api/posts/" + postId, ada, Map.of("text", "v2")).expectStatus().isOk();
		String bobs = this.client.comment(bob, postId, "hi", null);
		String adas = this.client.comment(ada, postId, "hello bob", bobs);
		this.client.send("PUT", "/api/posts/" + postId + "/like", bob).exchange().expectStatus().isNoContent();
		this.client.send("PUT", "/api/comments/" + bobs + "/like", ada).exchange().expectStatus().isNoContent();
		this.client.send("DELETE", "/api/posts/" + postId + "/like", bob).exchange().expectStatus().isNoContent();
		this.client.send("DELETE", "/api/comments/" + bobs + "/like", ada).exchange().expectStatus().isNoContent();
		this.client.sendJson("PUT", "/api/comments/" + adas, ada, Map.of("text", "hello, bob")).expectStatus().isOk();
		this.client.send("DELETE", "/api/comments/" + adas, ada).exchange().expectStatus().isNoContent();
		this.client.send("DELETE", "/api/posts/" + postId, ada).exchange().expectStatus().isNoContent();

		List<Received> events = this.events.ofPost(postId, (e) -> ContentEvents.POST_DELETED.equals(e.type()));

		assertThat(events).extracting(Received::type)
			.containsExactly(ContentEvents.POST_CREATED, ContentEvents.POST_UPDATED, ContentEvents.COMMENT_CREATED,
					ContentEvents.COMMENT_CREATED, ContentEvents.POST_LIKED, ContentEvents.COMMENT_LIKED,
					ContentEvents.POST_UNLIKED, ContentEvents.COMMENT_UNLIKED, ContentEvents.COMMENT_UPDATED,
					ContentEvents.COMMENT_DELETED, ContentEvents.POST_DELETED);
		assertThat(events).allSatisfy((e) -> {
			assertThat(e.key()).isEqualTo(postId);
			assertThat(e.subject()).isEqualTo(postId);
			assertThat(e.event().path("specversion").asString()).isEqualTo("1.0");
			assertThat(e.event().path("source").asString()).isEqualTo("/chorus/content");
		});
		assertThat(events).extracting(Received::partition).containsOnly(events.get(0).partition());
		Set<String> ids = new HashSet<>();
		events.forEach((e) -> ids.add(e.id()));
		assertThat(ids).hasSize(events.size());

		JsonNode created = events.get(0).data();
		assertThat(created.path("postId").asString()).isEqualTo(postId);
		assertThat(created.path("authorId").asString()).isEqualTo(ada.id());
		assertThat(created.path("text").asString()).isEqualTo("v1");
		assertThat(created.path("trackId").asString()).isEqualTo("trk1");
		assertThat(created.path("imageIds").get(0).asString()).isEqualTo("i1");
		assertThat(created.path("createdAt").asString()).isNotEmpty();
		assertThat(created.path("version").asLong()).isEqualTo(1);

		JsonNode updated = events.get(1).data();
		assertThat(updated.path("text").asString()).isEqualTo("v2");
		assertThat(updated.path("trackId").isNull()).isTrue();
		assertThat(updated.path("imageIds").size()).isZero();
		assertThat(updated.path("updatedAt").asString()).isNotEmpty();
		assertThat(updated.path("version").asLong()).isEqualTo(2);

		JsonNode comment = events.get(2).data();
		assertThat(comment.path("commentId").asString()).isEqualTo(bobs);
		assertThat(comment.path("postAuthorId").asString()).isEqualTo(ada.id());
		assertThat(comment.path("authorId").asString()).isEqualTo(bob.id());
		assertThat(comment.path("parentId").isNull()).isTrue();
		assertThat(comment.path("version").asLong()).isEqualTo(1);

		JsonNode reply = events.get(3).data();
		assertThat(reply.path("commentId").asString()).isEqualTo(adas);
		assertThat(reply.path("parentId").asString()).isEqualTo(bobs);
		assertThat(reply.path("parentAuthorId").asString()).isEqualTo(bob.id());
		assertThat(reply.path("text").asString()).isEqualTo("hello bob");

		assertThat(events.get(4).data().path("memberId").asString()).isEqualTo(bob.id());
		assertThat(events.get(4).data().path("postAuthorId").asString()).isEqualTo(ada.id());
		assertThat(events.get(4).data().path("at").asString()).isNotEmpty();
		JsonNode commentLiked = events.get(5).data();
		assertThat(commentLiked.path("commentId").asString()).isEqualTo(bobs);
		assertThat(commentLiked.path("commentAuthorId").asString()).isEqualTo(bob.id());
		assertThat(commentLiked.path("memberId").asString()).isEqualTo(ada.id());
		assertThat(commentLiked.path("postId").asString()).isEqualTo(postId);

		JsonNode commentUpdated = events.get(8).data();
		assertThat(commentUpdated.path("text").asString()).isEqualTo("hello, bob");
		assertThat(commentUpdated.path("version").asLong()).isEqualTo(2);
		JsonNode commentDeleted = events.get(9).data();
		assertThat(commentDeleted.path("commentId").asString()).isEqualTo(adas);
		assertThat(commentDeleted.path("parentId").asString()).isEqualTo(bobs);
		assertThat(commentDeleted.path("deletedAt").asString()).isNotEmpty();
		assertThat(commentDeleted.path("version").asLong()).isEqualTo(3);

		JsonNode deleted = events.get(10).data();
		assertThat(deleted.path("postId").asString()).isEqualTo(postId);
		assertThat(deleted.path("authorId").asString()).isEqualTo(ada.id());
		assertThat(deleted.path("deletedAt").asString()).isNotEmpty();
		assertThat(deleted.path("version").asLong()).isEqualTo(3);
	}

	@Test
	void theTopicIsDeclaredWithItsPartitionsAndRetention() throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers))) {
			TopicDescription topic = admin.describeTopics(List.of(ContentEventsOnKafka.TOPIC))
				.allTopicNames()
				.get(30, TimeUnit.SECONDS)
				.get(ContentEventsOnKafka.TOPIC);
			assertThat(topic.partitions()).hasSize(6);
			ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, ContentEventsOnKafka.TOPIC);
			Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
			assertThat(config.get("retention.ms").value()).isEqualTo(String.valueOf(7L * 24 * 3600 * 1000));
		}
	}

}
