package io.chorus.chat.events;

import java.time.Duration;

import com.mongodb.reactivestreams.client.MongoClients;
import io.chorus.chat.testing.ChatClient;
import io.chorus.chat.testing.ChatInstance;
import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import io.chorus.testkit.blockhound.BlockHoundProbe;
import io.chorus.testkit.kafka.CloudEventsOnKafka;
import io.chorus.testkit.passport.TestPassports;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Members not present when a message is stored get {@code chorus.chat.message.posted.v1} on Kafka
 * (activity turns it into a notification), also when Kafka was down while the message was sent.
 */
@ChorusInfrastructure({ Infra.REDIS, Infra.KAFKA, Infra.MONGO })
class OfflineRecipientsIntegrationTests {

	private static final TestPassports passports = new TestPassports();

	private static final String TYPE = "chorus.chat.message.posted.v1";

	private static ChatInstance chat;

	private static String topic;

	private static String bootstrap;

	@BeforeAll
	static void start(TestNamespace namespace) {
		chat = ChatInstance.start(namespace, passports, "chorus.kafka.producer.delivery.timeout.ms=3000",
				"chorus.kafka.producer.request.timeout.ms=1000", "chorus.kafka.producer.max.block.ms=1000");
		topic = ChatInstance.topic(namespace);
		bootstrap = namespace.kafka().bootstrapServers();
	}

	@AfterAll
	static void stop() {
		if (chat != null) {
			chat.close();
		}
	}

	@Test
	void blockHoundIsActive() {
		BlockHoundProbe.assertInstalled();
	}

	@Test
	void membersWhoAreNotPresentAreTheOfflineRecipients() {
		String room = chat.room("of-ann", "group", "of-bob", "of-cid");
		try (ChatClient ann = chat.join("of-ann", room); ChatClient bob = chat.join("of-bob", room)) {
			long seq = ann.sendAndAck(room, "of-1", "are you there, cid?");

			var event = new CloudEventsOnKafka(bootstrap, topic).await(TYPE,
					e -> e.data().path("roomId").asString().equals(room) && e.data().path("seq").asLong() == seq);

			JsonNode data = event.data();
			assertThat(event.subject()).isEqualTo(room);
			assertThat(data.path("senderId").asString()).isEqualTo("of-ann");
			assertThat(data.path("body").asString()).isEqualTo("are you there, cid?");
			assertThat(data.path("offlineRecipients").valueStream().map(JsonNode::asString).toList())
				.containsExactly("of-cid");
		}
	}

	@Test
	void theEventOfAMessageSentWhileKafkaWasDownIsPublishedWhenItIsBack(TestNamespace namespace) {
		String room = chat.room("kd-ann", "direct", "kd-bob");
		try (ChatClient ann = chat.join("kd-ann", room)) {
			long seq;
			namespace.kafka().stop();
			try {
				// the live path does not need Kafka: the send is stored, acked and left pending
				seq = ann.sendAndAck(room, "kd-1", "sent while the broker is down");
				Awaitility.await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
					.until(() -> pending(namespace, room, seq));
			}
			finally {
				namespace.kafka().start();
			}

			var event = new CloudEventsOnKafka(bootstrap, topic).await(TYPE,
					e -> e.data().path("roomId").asString().equals(room) && e.data().path("seq").asLong() == seq);

			assertThat(event.data().path("offlineRecipients").valueStream().map(JsonNode::asString).toList())
				.containsExactly("kd-bob");
			Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !pending(namespace, room, seq));
		}
	}

	/** Reads the message document directly (test thread). */
	private static boolean pending(TestNamespace namespace, String room, long seq) {
		try (var client = MongoClients.create(namespace.mongoUri())) {
			Document doc = Mono.from(client.getDatabase(namespace.mongoDatabase())
				.getCollection("messages")
				.find(new Document("roomId", room).append("seq", seq))
				.first()).block(Duration.ofSeconds(10));
			assertThat(doc).isNotNull();
			return "y".equals(doc.getString("pending"));
		}
	}

}
