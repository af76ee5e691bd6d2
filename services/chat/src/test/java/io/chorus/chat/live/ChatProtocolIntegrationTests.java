package io.chorus.chat.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.chorus.chat.testing.ChatClient;
import io.chorus.chat.testing.ChatInstance;
import io.chorus.chat.testing.RawSocketClient;
import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import io.chorus.testkit.blockhound.BlockHoundProbe;
import io.chorus.testkit.passport.TestPassports;
import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;

import static io.chorus.chat.testing.ChatClient.type;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WebSocket protocol on one instance: recovery, idempotent sends, slow consumers, tickets,
 * origins, membership and bad frames. Limits here: recent buffer 5, recovery at most 20, queue 16,
 * tickets live 2 s, sends effectively unlimited.
 */
@ChorusInfrastructure({ Infra.REDIS, Infra.KAFKA, Infra.MONGO })
class ChatProtocolIntegrationTests {

	private static final TestPassports passports = new TestPassports();

	private static final Duration WAIT = Duration.ofSeconds(15);

	private static ChatInstance chat;

	@BeforeAll
	static void start(TestNamespace namespace) {
		chat = ChatInstance.start(namespace, passports, "chorus.chat.recent-buffer=5", "chorus.chat.max-recovery=20",
				"chorus.chat.queue-capacity=16", "chorus.chat.ticket-ttl=2s", "chorus.chat.sends-per-second=10000",
				"chorus.chat.send-burst=10000");
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
	void reconnectingWithTheLastSeqReceivesExactlyTheMissedMessages() {
		String room = chat.room("rc-ann", "group", "rc-bob");
		try (ChatClient ann = chat.join("rc-ann", room)) {
			long last;
			try (ChatClient bob = chat.join("rc-bob", room)) {
				ann.sendAndAck(room, "before-1", "before 1");
				last = bob.messages(room, 1, WAIT).getLast().path("seq").asLong();
			}
			// fewer than the recent buffer holds (answered from Redis) ...
			List<Long> missed = send(ann, room, "a", 3);
			List<Long> got = recover(room, last, missed.size());
			assertThat(got.subList(0, missed.size())).containsExactlyElementsOf(missed);
			// ... more than it holds (answered from history) ...
			last = got.getLast();
			missed = send(ann, room, "b", 8);
			got = recover(room, last, missed.size());
			assertThat(got.subList(0, missed.size())).containsExactlyElementsOf(missed);
			// ... and more than one recovery may replay: a gap, then only live messages
			last = got.getLast();
			send(ann, room, "c", 21);
			try (ChatClient bob = chat.join("rc-bob")) {
				bob.subscribe(room, last);
				JsonNode gap = bob.await(f -> type(f, "gap"), WAIT);
				assertThat(gap.path("roomId").asString()).isEqualTo(room);
				assertThat(gap.path("fromSeq").asLong()).isEqualTo(last + 1);
				long marker = ann.sendAndAck(room, "c-marker", "marker");
				assertThat(bob.messages(room, 1, WAIT)).extracting(m -> m.path("seq").asLong()).containsExactly(marker);
			}
		}
	}

	@Test
	void aDuplicateClientMsgIdIsStoredAndDeliveredOnce() {
		String room = chat.room("dup-ann", "group", "dup-bob");
		try (ChatClient ann = chat.join("dup-ann", room); ChatClient bob = chat.join("dup-bob", room)) {
			ann.message(room, "same-id", "first");
			ann.message(room, "same-id", "second try");
			JsonNode first = ann.await(f -> type(f, "ack"), WAIT);
			JsonNode second = ann.await(f -> type(f, "ack"), WAIT);
			long marker = ann.sendAndAck(room, "after", "after");

			assertThat(second.path("seq").asLong()).isEqualTo(first.path("seq").asLong());
			assertThat(second.path("id").asString()).isEqualTo(first.path("id").asString());
			assertThat(bob.messages(room, 2, WAIT)).extracting(m -> m.path("seq").asLong())
				.containsExactly(first.path("seq").asLong(), marker);
			JsonNode history = chat.json(chat.get("dup-bob", "/api/chat/rooms/" + room + "/messages"), HttpStatus.OK);
			assertThat(history.path("items").valueStream().map(m -> m.path("body").asString()).toList())
				.containsExactly("after", "first");
		}
	}

	@Test
	void aSlowConsumerIsClosedWith4408WhileTheOthersKeepReceiving() throws Exception {
		String room = chat.room("slow-ann", "group", "slow-bob", "slow-cid");
		MeterRegistry meters = chat.bean(MeterRegistry.class);
		try (ChatClient ann = chat.join("slow-ann", room); ChatClient bob = chat.join("slow-bob", room);
				RawSocketClient cid = new RawSocketClient(chat.port, chat.ticket("slow-cid"))) {
			cid.sendText("{\"type\":\"subscribe\",\"roomId\":\"" + room + "\"}");
			cid.readUntil("\"memberId\":\"slow-cid\"");
			// cid stops reading; ann sends large messages until the server gives up on cid
			String body = "x".repeat(3900);
			List<Long> sent = new ArrayList<>();
			for (int i = 0; i < 3000 && slowClosed(meters) == 0; i++) {
				sent.add(ann.sendAndAck(room, "slow-" + i, body));
			}
			assertThat(slowClosed(meters)).isEqualTo(1);
			long marker = ann.sendAndAck(room, "slow-marker", "still here");
			sent.add(marker);

			assertThat(bob.messages(room, sent.size(), WAIT)).extracting(m -> m.path("seq").asLong())
				.containsExactlyElementsOf(sent);
			assertThat(cid.readUntilClose()).isEqualTo(4408);
			assertThat(cid.textFrames()).isLessThan(sent.size());
		}
	}

	@Test
	void ticketsAreSingleUseAndExpire() {
		String ticket = chat.ticket("t-ann");
		try (ChatClient first = ChatClient.connect(chat.port, ticket, null)) {
			first.send(Map.of("type", "ping"));
			first.await(f -> type(f, "pong"), WAIT);
			try (ChatClient reuse = ChatClient.connect(chat.port, ticket, null)) {
				assertThat(reuse.awaitClose(WAIT)).isEqualTo(4401);
			}
		}
		try (ChatClient forged = ChatClient.connect(chat.port, "not-a-ticket", null)) {
			assertThat(forged.awaitClose(WAIT)).isEqualTo(4401);
		}
		try (ChatClient none = ChatClient.connectRaw(chat.port, "", null)) {
			assertThat(none.awaitClose(WAIT)).isEqualTo(4401);
		}
		String expiring = chat.ticket("t-ann");
		Awaitility.await().pollDelay(Duration.ofMillis(2500)).until(() -> true);
		try (ChatClient late = ChatClient.connect(chat.port, expiring, null)) {
			assertThat(late.awaitClose(WAIT)).isEqualTo(4401);
		}
	}

	@Test
	void aForeignOriginIsRefusedWithoutSpendingTheTicketAndNoOriginIsJudgedByTheTicket() throws Exception {
		String ticket = chat.ticket("o-ann");
		try (ChatClient foreign = ChatClient.connect(chat.port, ticket, "https://evil.example")) {
			assertThat(foreign.awaitClose(WAIT)).isEqualTo(4403);
		}
		try (ChatClient allowed = ChatClient.connect(chat.port, ticket, "http://localhost:5173")) {
			allowed.send(Map.of("type", "ping"));
			allowed.await(f -> type(f, "pong"), WAIT);
		}
		try (RawSocketClient noOrigin = new RawSocketClient(chat.port, chat.ticket("o-ann"))) {
			noOrigin.sendText("{\"type\":\"ping\"}");
			assertThat(noOrigin.readUntil("pong")).isEqualTo("{\"type\":\"pong\"}");
		}
	}

	@Test
	void subscribingToSomeoneElsesRoomClosesWith4403() {
		String room = chat.room("nm-ann", "group", "nm-bob");
		try (ChatClient eve = chat.connect("nm-eve")) {
			eve.subscribe(room, null);
			assertThat(eve.awaitClose(WAIT)).isEqualTo(4403);
		}
		try (ChatClient eve = chat.connect("nm-eve")) {
			eve.subscribe("no-such-room", null);
			assertThat(eve.awaitClose(WAIT)).isEqualTo(4403);
		}
	}

	@Test
	void badFramesGetAnErrorFrameAndTheConnectionLivesOn() {
		String room = chat.room("bf-ann", "group", "bf-bob");
		try (ChatClient ann = chat.join("bf-ann", room)) {
			ann.sendRaw("{not json");
			assertThat(ann.await(f -> type(f, "error"), WAIT).path("code").asString()).isEqualTo("malformed");
			ann.sendRaw("[1,2,3]");
			assertThat(ann.await(f -> type(f, "error"), WAIT).path("code").asString()).isEqualTo("malformed");
			ann.sendRaw("{\"type\":\"dance\"}");
			assertThat(ann.await(f -> type(f, "error"), WAIT).path("code").asString()).isEqualTo("unknown-type");
			ann.send(Map.of("type", "send", "roomId", room, "body", "no id"));
			assertThat(ann.await(f -> type(f, "error"), WAIT).path("message").asString()).startsWith("clientMsgId");
			ann.send(Map.of("type", "subscribe", "roomId", room, "afterSeq", -3));
			assertThat(ann.await(f -> type(f, "error"), WAIT).path("message").asString()).startsWith("afterSeq");
			ann.message(room, "too-long", "y".repeat(4001));
			JsonNode tooLong = ann.await(f -> type(f, "error"), WAIT);
			assertThat(tooLong.path("code").asString()).isEqualTo("too-long");
			assertThat(tooLong.path("clientMsgId").asString()).isEqualTo("too-long");
			ann.message(room, "blank", "   ");
			assertThat(ann.await(f -> type(f, "error"), WAIT).path("clientMsgId").asString()).isEqualTo("blank");

			// still alive, and nothing was stored
			long seq = ann.sendAndAck(room, "fine", "y".repeat(4000));
			assertThat(seq).isEqualTo(1);
			JsonNode history = chat.json(chat.get("bf-ann", "/api/chat/rooms/" + room + "/messages"), HttpStatus.OK);
			assertThat(history.path("items")).hasSize(1);

			// a frame over the 16 KiB frame limit ends the connection with 1009
			ann.sendRaw("{\"type\":\"ping\",\"pad\":\"" + "z".repeat(20_000) + "\"}");
			assertThat(ann.awaitClose(WAIT)).isEqualTo(1009);
		}
	}

	private static double slowClosed(MeterRegistry meters) {
		var counter = meters.find("chorus.chat.closes").tag("code", "4408").counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static List<Long> send(ChatClient sender, String room, String prefix, int n) {
		List<Long> seqs = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			seqs.add(sender.sendAndAck(room, prefix + "-" + i, prefix + " " + i));
		}
		return seqs;
	}

	/**
	 * Reconnects bob with {@code afterSeq}, then has ann send a marker: what bob gets before the marker
	 * is what recovery replayed (each once, in order). Returns the replayed seqs, then the marker's.
	 */
	private static List<Long> recover(String room, long afterSeq, int missed) {
		try (ChatClient bob = chat.join("rc-bob"); ChatClient ann = chat.connect("rc-ann")) {
			bob.subscribe(room, afterSeq);
			List<JsonNode> replayed = bob.messages(room, missed, WAIT);
			long marker = ann.sendAndAck(room, "marker-" + afterSeq, "marker");
			assertThat(bob.messages(room, 1, WAIT)).extracting(m -> m.path("seq").asLong()).containsExactly(marker);
			assertThat(bob.seen()).noneMatch(f -> type(f, "gap"));
			List<Long> seqs = new ArrayList<>(replayed.stream().map(m -> m.path("seq").asLong()).toList());
			seqs.add(marker);
			return seqs;
		}
	}

}
