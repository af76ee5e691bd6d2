package io.chorus.chat.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.chorus.chat.testing.ChatClient;
import io.chorus.chat.testing.ChatInstance;
import io.chorus.chat.testing.TcpProxy;
import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import io.chorus.testkit.blockhound.BlockHoundProbe;
import io.chorus.testkit.passport.TestPassports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.chorus.chat.testing.ChatClient.type;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two chat instances on one Redis, Kafka and Mongo, as two pods of the Deployment: members connected
 * to different instances talk in one room; presence of a member whose instance dies (without closing
 * its sockets) expires. Presence TTL is 2 s with a 300 ms heartbeat here.
 */
@ChorusInfrastructure({ Infra.REDIS, Infra.KAFKA, Infra.MONGO })
class ChatAcrossInstancesIntegrationTests {

	private static final TestPassports passports = new TestPassports();

	private static final String[] SHORT_PRESENCE = { "chorus.chat.presence-ttl=2s", "chorus.chat.heartbeat=300ms" };

	private static ChatInstance a;

	private static ChatInstance b;

	@BeforeAll
	static void start(TestNamespace namespace) {
		a = ChatInstance.start(namespace, passports, SHORT_PRESENCE);
		b = ChatInstance.start(namespace, passports, SHORT_PRESENCE);
	}

	@AfterAll
	static void stop() {
		if (a != null) {
			a.close();
		}
		if (b != null) {
			b.close();
		}
	}

	@Test
	void blockHoundIsActive() {
		BlockHoundProbe.assertInstalled();
	}

	@Test
	void membersOnTwoInstancesReceiveEachOthersMessagesInOrder() {
		String room = a.room("x-ann", "group", "x-bob");
		try (ChatClient ann = a.join("x-ann", room); ChatClient bob = b.join("x-bob", room)) {
			List<Long> annSeqs = new ArrayList<>();
			List<Long> bobSeqs = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				annSeqs.add(ann.sendAndAck(room, "ann-" + i, "from ann " + i));
				bobSeqs.add(bob.sendAndAck(room, "bob-" + i, "from bob " + i));
			}

			List<JsonNode> atBob = bob.messages(room, 20, Duration.ofSeconds(15));
			List<JsonNode> atAnn = ann.messages(room, 20, Duration.ofSeconds(15));

			// both see all 20 in the same (seq) order, each sender's messages in send order
			assertThat(atBob).extracting(m -> m.path("seq").asLong()).isSorted().doesNotHaveDuplicates();
			assertThat(atAnn).extracting(m -> m.path("seq").asLong())
				.containsExactlyElementsOf(atBob.stream().map(m -> m.path("seq").asLong()).toList());
			assertThat(atBob).filteredOn(m -> m.path("senderId").asString().equals("x-ann"))
				.extracting(m -> m.path("body").asString())
				.containsExactly(range("from ann ", 10));
			assertThat(atAnn).filteredOn(m -> m.path("senderId").asString().equals("x-bob"))
				.extracting(m -> m.path("body").asString())
				.containsExactly(range("from bob ", 10));
			assertThat(atBob).filteredOn(m -> m.path("senderId").asString().equals("x-ann"))
				.extracting(m -> m.path("seq").asLong())
				.containsExactlyElementsOf(annSeqs);
			assertThat(atAnn).filteredOn(m -> m.path("senderId").asString().equals("x-bob"))
				.extracting(m -> m.path("seq").asLong())
				.containsExactlyElementsOf(bobSeqs);
		}
	}

	@Test
	void presenceIsPushedAndDropsOnAnOrderlyClose() {
		String room = a.room("p-ann", "group", "p-bob");
		try (ChatClient ann = a.join("p-ann", room)) {
			ChatClient bob = b.join("p-bob", room);
			ann.await(f -> type(f, "presence") && f.path("memberId").asString().equals("p-bob")
					&& f.path("online").asBoolean(), Duration.ofSeconds(10));
			a.awaitOnline("p-ann", room, online -> online.size() == 2);

			bob.close();

			ann.await(f -> type(f, "presence") && f.path("memberId").asString().equals("p-bob")
					&& !f.path("online").asBoolean(true), Duration.ofSeconds(10));
			assertThat(a.online("p-ann", room)).extracting(JsonNode::asString).containsExactly("p-ann");
		}
	}

	@Test
	void presenceExpiresWhenAnInstanceDiesWithoutClosingItsSockets(TestNamespace namespace) throws Exception {
		String room = a.room("d-ann", "group", "d-cid");
		try (TcpProxy redisLink = new TcpProxy(namespace.redis().host(), namespace.redis().port())) {
			ChatInstance doomed = ChatInstance.start(namespace, passports, "chorus.chat.presence-ttl=2s",
					"chorus.chat.heartbeat=300ms", "spring.data.redis.port=" + redisLink.port());
			try (ChatClient ann = a.join("d-ann", room)) {
				doomed.join("d-cid", room);
				ann.await(f -> type(f, "presence") && f.path("memberId").asString().equals("d-cid")
						&& f.path("online").asBoolean(), Duration.ofSeconds(10));

				// the instance loses Redis and stops: nothing it does on the way out reaches Redis,
				// exactly like a killed pod; only expiry can take d-cid out
				redisLink.cut();
				doomed.close();

				ann.await(f -> type(f, "presence") && f.path("memberId").asString().equals("d-cid")
						&& !f.path("online").asBoolean(true), Duration.ofSeconds(15));
				assertThat(a.online("d-ann", room)).extracting(JsonNode::asString).containsExactly("d-ann");
			}
			finally {
				doomed.close();
			}
		}
	}

	@Test
	void aConnectionSendingFasterThanItsLimitIsClosedWith4429() {
		String room = a.room("r-ann", "group", "r-bob");
		try (ChatClient ann = a.join("r-ann", room)) {
			for (int i = 0; i < 60; i++) {
				ann.message(room, "r-" + i, "burst " + i);
			}
			assertThat(ann.awaitClose(Duration.ofSeconds(15))).isEqualTo(4429);
		}
	}

	private static String[] range(String prefix, int n) {
		String[] out = new String[n];
		for (int i = 0; i < n; i++) {
			out[i] = prefix + i;
		}
		return out;
	}

}
