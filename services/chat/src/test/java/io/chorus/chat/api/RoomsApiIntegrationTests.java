package io.chorus.chat.api;

import java.util.List;
import java.util.Map;

import io.chorus.chat.testing.ChatClient;
import io.chorus.chat.testing.ChatInstance;
import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import io.chorus.testkit.blockhound.BlockHoundProbe;
import io.chorus.testkit.passport.TestPassports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP half of the contract: rooms, members, history paging, read markers, presence, tickets, problems. */
@ChorusInfrastructure({ Infra.REDIS, Infra.KAFKA, Infra.MONGO })
class RoomsApiIntegrationTests {

	private static final TestPassports passports = new TestPassports();

	private static ChatInstance chat;

	@BeforeAll
	static void start(TestNamespace namespace) {
		chat = ChatInstance.start(namespace, passports, "chorus.chat.max-room-members=4");
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
	void aDirectRoomIsUniquePerPairFromEitherSide() {
		JsonNode created = chat.json(chat.post("dr-ann", "/api/chat/rooms", Map.of("kind", "direct", "memberIds",
				List.of("dr-bob"))), HttpStatus.CREATED);
		JsonNode again = chat.json(chat.post("dr-ann", "/api/chat/rooms", Map.of("kind", "direct", "memberIds",
				List.of("dr-bob"))), HttpStatus.OK);
		JsonNode fromBob = chat.json(chat.post("dr-bob", "/api/chat/rooms", Map.of("kind", "direct", "memberIds",
				List.of("dr-ann", "dr-bob"))), HttpStatus.OK);

		assertThat(created.path("kind").asString()).isEqualTo("direct");
		assertThat(created.path("memberIds").valueStream().map(JsonNode::asString).toList())
			.containsExactlyInAnyOrder("dr-ann", "dr-bob");
		assertThat(again.path("id").asString()).isEqualTo(created.path("id").asString());
		assertThat(fromBob.path("id").asString()).isEqualTo(created.path("id").asString());
	}

	@Test
	void groupMembersAreAddedByMembersAndCanLeave() {
		String room = chat.room("g-ann", "group", "g-bob");
		JsonNode added = chat.json(chat.post("g-bob", "/api/chat/rooms/" + room + "/members", Map.of("memberId",
				"g-cid")), HttpStatus.OK);
		assertThat(added.path("memberIds").valueStream().map(JsonNode::asString).toList())
			.containsExactlyInAnyOrder("g-ann", "g-bob", "g-cid");
		// an outsider can neither add nor read
		chat.json(chat.post("g-eve", "/api/chat/rooms/" + room + "/members", Map.of("memberId", "g-eve")),
				HttpStatus.NOT_FOUND);
		chat.json(chat.get("g-eve", "/api/chat/rooms/" + room + "/messages"), HttpStatus.NOT_FOUND);
		// the cap holds
		chat.json(chat.post("g-ann", "/api/chat/rooms/" + room + "/members", Map.of("memberId", "g-dan")),
				HttpStatus.OK);
		chat.json(chat.post("g-ann", "/api/chat/rooms/" + room + "/members", Map.of("memberId", "g-fay")),
				HttpStatus.CONFLICT);

		try (ChatClient cid = chat.join("g-cid", room); ChatClient ann = chat.join("g-ann", room)) {
			chat.delete("g-cid", "/api/chat/rooms/" + room + "/members/me").exchange().expectStatus().isNoContent();
			chat.json(chat.get("g-cid", "/api/chat/rooms/" + room + "/messages"), HttpStatus.NOT_FOUND);
			assertThat(chat.json(chat.get("g-cid", "/api/chat/rooms"), HttpStatus.OK).path("items")).isEmpty();

			// the live subscription ends too: cid is told, and sees nothing said after leaving
			JsonNode left = cid.await(f -> ChatClient.type(f, "error"), java.time.Duration.ofSeconds(10));
			assertThat(left.path("code").asString()).isEqualTo("left");
			ann.sendAndAck(room, "after-leave", "cid is gone");
			ann.await(f -> ChatClient.type(f, "presence") && f.path("memberId").asString().equals("g-cid")
					&& !f.path("online").asBoolean(true), java.time.Duration.ofSeconds(10));
			cid.send(Map.of("type", "ping"));
			cid.await(f -> ChatClient.type(f, "pong"), java.time.Duration.ofSeconds(10));
			assertThat(cid.seen()).noneMatch(f -> ChatClient.type(f, "message"));
		}
	}

	@Test
	void myRoomsShowTheLastMessageAndUnreadCountUntilRead() {
		String quiet = chat.room("mr-ann", "group", "mr-bob");
		String busy = chat.room("mr-ann", "group", "mr-bob");
		try (ChatClient bob = chat.connect("mr-bob")) {
			bob.sendAndAck(busy, "m1", "one");
			bob.sendAndAck(busy, "m2", "two");
			bob.sendAndAck(busy, "m3", "three");
		}

		JsonNode mine = chat.json(chat.get("mr-ann", "/api/chat/rooms"), HttpStatus.OK);
		assertThat(mine.path("items").valueStream().map(r -> r.path("id").asString()).toList()).containsExactly(busy,
				quiet);
		JsonNode first = mine.path("items").get(0);
		assertThat(first.path("lastMessage").path("body").asString()).isEqualTo("three");
		assertThat(first.path("lastMessage").path("seq").asLong()).isEqualTo(3);
		assertThat(first.path("unreadCount").asLong()).isEqualTo(3);
		assertThat(mine.path("items").get(1).path("unreadCount").asLong()).isZero();
		// the sender has read their own messages
		JsonNode bobs = chat.json(chat.get("mr-bob", "/api/chat/rooms"), HttpStatus.OK);
		assertThat(bobs.path("items").get(0).path("unreadCount").asLong()).isZero();

		chat.json(chat.post("mr-ann", "/api/chat/rooms/" + busy + "/read", Map.of("seq", 2)), HttpStatus.OK);
		assertThat(chat.json(chat.get("mr-ann", "/api/chat/rooms"), HttpStatus.OK).path("items").get(0)
			.path("unreadCount").asLong()).isEqualTo(1);
		// markers never move back
		chat.json(chat.post("mr-ann", "/api/chat/rooms/" + busy + "/read", Map.of("seq", 1)), HttpStatus.OK);
		assertThat(chat.json(chat.get("mr-ann", "/api/chat/rooms"), HttpStatus.OK).path("items").get(0)
			.path("unreadCount").asLong()).isEqualTo(1);

		JsonNode page = chat.json(chat.get("mr-ann", "/api/chat/rooms?limit=1"), HttpStatus.OK);
		assertThat(page.path("items")).hasSize(1);
		JsonNode next = chat.json(chat.get("mr-ann", "/api/chat/rooms?limit=1&cursor=" + page.path("nextCursor")
			.asString()), HttpStatus.OK);
		assertThat(next.path("items").get(0).path("id").asString()).isEqualTo(quiet);
	}

	@Test
	void historyPagesNewestFirstByBefore() {
		String room = chat.room("h-ann", "group", "h-bob");
		try (ChatClient ann = chat.connect("h-ann")) {
			for (int i = 1; i <= 7; i++) {
				ann.sendAndAck(room, "h" + i, "message " + i);
			}
		}
		JsonNode page1 = chat.json(chat.get("h-bob", "/api/chat/rooms/" + room + "/messages?limit=3"), HttpStatus.OK);
		assertThat(seqs(page1)).containsExactly(7L, 6L, 5L);
		JsonNode page2 = chat.json(chat.get("h-bob",
				"/api/chat/rooms/" + room + "/messages?limit=3&before=" + page1.path("nextCursor").asString()),
				HttpStatus.OK);
		assertThat(seqs(page2)).containsExactly(4L, 3L, 2L);
		JsonNode page3 = chat.json(chat.get("h-bob",
				"/api/chat/rooms/" + room + "/messages?limit=3&before=" + page2.path("nextCursor").asString()),
				HttpStatus.OK);
		assertThat(seqs(page3)).containsExactly(1L);
		assertThat(page3.path("nextCursor").isNull()).isTrue();
		JsonNode one = page3.path("items").get(0);
		assertThat(one.path("senderId").asString()).isEqualTo("h-ann");
		assertThat(one.path("clientMsgId").asString()).isEqualTo("h1");
		assertThat(one.path("roomId").asString()).isEqualTo(room);
		assertThat(one.path("sentAt").asString()).isNotBlank();
	}

	@Test
	void presenceListsMembersWithALiveSubscription() {
		String room = chat.room("pr-ann", "group", "pr-bob");
		assertThat(chat.online("pr-ann", room)).isEmpty();
		try (ChatClient bob = chat.join("pr-bob", room)) {
			assertThat(chat.online("pr-ann", room)).extracting(JsonNode::asString).containsExactly("pr-bob");
		}
		chat.json(chat.get("pr-eve", "/api/chat/rooms/" + room + "/presence"), HttpStatus.NOT_FOUND);
	}

	@Test
	void ticketsNeedAMemberAndLiveThirtySeconds() {
		JsonNode ticket = chat.json(chat.post("tk-ann", "/api/chat/tickets", Map.of()), HttpStatus.OK);
		assertThat(ticket.path("ticket").asString()).hasSizeGreaterThan(40);
		assertThat(ticket.path("expiresIn").asInt()).isEqualTo(30);
		chat.anonymous().post().uri("/api/chat/tickets").exchange().expectStatus().isUnauthorized()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void badInputIsAProblemWithTheFieldsAndWritesNothing() {
		assertFields(chat.post("bi-ann", "/api/chat/rooms", Map.of("kind", "party", "memberIds", List.of("bi-bob"))),
				"kind");
		assertFields(chat.post("bi-ann", "/api/chat/rooms", Map.of("kind", "group", "memberIds", List.of())),
				"memberIds");
		assertFields(chat.post("bi-ann", "/api/chat/rooms", Map.of("kind", "group", "memberIds",
				List.of("has space"))), "memberIds[0]");
		assertFields(chat.post("bi-ann", "/api/chat/rooms", Map.of("kind", "direct", "memberIds",
				List.of("bi-bob", "bi-cid"))), "memberIds");
		assertFields(chat.post("bi-ann", "/api/chat/rooms", Map.of("kind", "group", "memberIds", List.of("bi-bob"),
				"name", "n".repeat(101))), "name");
		String room = chat.room("bi-ann", "group", "bi-bob");
		assertFields(chat.get("bi-ann", "/api/chat/rooms/" + room + "/messages?before=-1"), "before");
		assertFields(chat.get("bi-ann", "/api/chat/rooms/" + room + "/messages?limit=1000"), "limit");
		assertFields(chat.get("bi-ann", "/api/chat/rooms?cursor=%21%21"), "cursor");
		assertFields(chat.post("bi-ann", "/api/chat/rooms/" + room + "/read", Map.of("seq", -1)), "seq");
		assertFields(chat.post("bi-ann", "/api/chat/rooms/" + room + "/read", Map.of("seq", 5)), "seq");
		assertFields(chat.post("bi-ann", "/api/chat/rooms/" + room + "/members", Map.of("memberId", "")), "memberId");
		chat.post("bi-ann", "/api/chat/rooms/" + room + "/read", "{\"seq\":")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);

		// only the one valid room exists
		assertThat(chat.json(chat.get("bi-ann", "/api/chat/rooms"), HttpStatus.OK).path("items")).hasSize(1);
	}

	private static void assertFields(org.springframework.test.web.reactive.server.WebTestClient.RequestHeadersSpec<?> request,
			String field) {
		byte[] body = request.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.returnResult()
			.getResponseBodyContent();
		JsonNode problem = tools.jackson.databind.json.JsonMapper.shared().readTree(body);
		assertThat(problem.path("errors").valueStream().map(e -> e.path("field").asString()).toList())
			.as(problem.toString())
			.anyMatch(f -> f.equals(field) || f.startsWith(field + "."));
	}

	private static List<Long> seqs(JsonNode page) {
		return page.path("items").valueStream().map(m -> m.path("seq").asLong()).toList();
	}

}
