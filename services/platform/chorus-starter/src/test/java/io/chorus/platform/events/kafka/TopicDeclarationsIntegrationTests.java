package io.chorus.platform.events.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.chorus.platform.events.kafka.TopicDeclarations.TopicSpec;
import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ChorusInfrastructure(Infra.KAFKA)
class TopicDeclarationsIntegrationTests {

	@Test
	void createsDeclaredTopicsOnceAndConvergesTheirRetention(TestNamespace namespace) throws Exception {
		String posts = namespace.topic("posts");
		String plays = namespace.topic("plays");
		ChorusKafkaProperties properties = properties(namespace,
				Map.of(posts, new ChorusKafkaProperties.Topic(4, (short) 1, Duration.ofDays(3)), plays,
						new ChorusKafkaProperties.Topic(null, null, Duration.ofHours(12))));
		try (KafkaClients clients = new KafkaClients(properties, "test", null)) {
			Admin admin = clients.createAdmin();
			TopicDeclarations declarations = new TopicDeclarations(admin, properties);

			declarations.ready().block(Duration.ofSeconds(30));
			declarations.ensure(List.of(new TopicSpec(posts, 4, (short) 1, Duration.ofDays(3)))).block();

			Map<String, TopicDescription> topics = admin.describeTopics(List.of(posts, plays)).allTopicNames().get();
			assertThat(topics.get(posts).partitions()).hasSize(4);
			assertThat(topics.get(plays).partitions()).hasSize(1); // the broker's default
			assertThat(declarations.retention(List.of(posts, plays, namespace.topic("missing"))).block())
				.containsExactlyInAnyOrderEntriesOf(Map.of(posts, Duration.ofDays(3), plays, Duration.ofHours(12)));

			// A new release declares a longer retention and more partitions: retention follows,
			// the partition count stays (more partitions would move keys).
			declarations.ensure(List.of(new TopicSpec(posts, 8, (short) 1, Duration.ofDays(7)))).block();
			// The broker applies config changes through its metadata log: visible shortly after.
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(declarations.retention(List.of(posts)).block()).containsEntry(posts,
						Duration.ofDays(7)));
			assertThat(admin.describeTopics(List.of(posts)).allTopicNames().get().get(posts).partitions()).hasSize(4);
		}
	}

	@Test
	void declaringAtRunTimeAddsToTheAllowList(TestNamespace namespace) {
		String deadLetters = namespace.topic("posts.group.dlq");
		ChorusKafkaProperties properties = properties(namespace, Map.of());
		try (KafkaClients clients = new KafkaClients(properties, "test", null)) {
			TopicDeclarations declarations = new TopicDeclarations(clients.createAdmin(), properties);
			assertThat(declarations.isDeclared(deadLetters)).isFalse();

			declarations.declare(List.of(new TopicSpec(deadLetters, null, null, Duration.ofDays(28)))).block();

			assertThat(declarations.isDeclared(deadLetters)).isTrue();
			assertThat(declarations.retention(List.of(deadLetters)).block()).containsEntry(deadLetters,
					Duration.ofDays(28));
		}
	}

	private static ChorusKafkaProperties properties(TestNamespace namespace,
			Map<String, ChorusKafkaProperties.Topic> topics) {
		return new ChorusKafkaProperties(namespace.kafka().bootstrapServers(), null, true, topics, Map.of(), Map.of(),
				Map.of());
	}

}
