package io.chorus.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import io.chorus.e2e.Visitor.Account;
import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real admin: a member granted the role in member's database, signed in through the gateway,
 * whose access token's role travels in the passport to activity's dead-letter replay and music's
 * moderation, and is accepted there. (Roles used to differ in case between member and those
 * services, so an admin token was refused everywhere.)
 */
@ChorusInfrastructure({ Infra.MARIADB, Infra.REDIS, Infra.KAFKA, Infra.MONGO })
class AdminThroughGatewayIntegrationTests {

	private static ChorusStack stack;

	@BeforeAll
	static void start(TestNamespace namespace) {
		stack = ChorusStack.on(namespace).withMusic().withActivity().start();
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void anAdminReplaysDeadLettersAndAMemberMayNot(TestNamespace namespace) {
		Visitor visitor = new Visitor(stack);
		Account ops = visitor.signup("ops");
		Account ada = visitor.signup("ada");
		stack.grantAdmin(ops.id());
		String opsToken = visitor.login(ops).accessToken();
		String adaToken = visitor.login(ada).accessToken();
		poison(namespace, "member.events"); // activity dead-letters what it cannot decode

		visitor.sendJson("POST", "/api/activity/admin/dead-letters", adaToken, Map.of("topic", "member.events"))
			.expectStatus()
			.isForbidden();
		Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			Map<String, Object> replay = Visitor.mapResult(
					visitor.sendJson("POST", "/api/activity/admin/dead-letters", opsToken, Map.of("topic", "member.events"))
						.expectStatus()
						.isOk())
				.getResponseBody();
			assertThat(((Number) replay.get("replayed")).intValue()).isPositive();
		});
	}

	@Test
	void anAdminModeratesSomeoneElsesArtistAndAMemberMayNot() {
		Visitor visitor = new Visitor(stack);
		Account mod = visitor.signup("mod");
		Account bea = visitor.signup("bea");
		Account cy = visitor.signup("cy");
		stack.grantAdmin(mod.id());
		String modToken = visitor.login(mod).accessToken();
		String beaToken = visitor.login(bea).accessToken();
		String cyToken = visitor.login(cy).accessToken();
		String artistId = (String) Visitor.mapResult(visitor.sendJson("POST", "/api/artists", beaToken,
				Map.of("name", "Spam Band " + System.nanoTime())).expectStatus().isCreated()).getResponseBody().get("id");

		visitor.send("DELETE", "/api/artists/" + artistId, cyToken).exchange().expectStatus().isForbidden();
		visitor.send("DELETE", "/api/artists/" + artistId, modToken).exchange().expectStatus().isNoContent();
		visitor.get("/api/artists/" + artistId, null).expectStatus().isNotFound();
	}

	private static void poison(TestNamespace namespace, String topic) {
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, namespace.kafka().bootstrapServers());
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
				new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>(topic, "poison", "not a cloud event".getBytes(StandardCharsets.UTF_8)));
			producer.flush();
		}
	}

}
