package io.chorus.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.chorus.e2e.Visitor.Account;
import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chat end to end: rooms and tickets over HTTP through the gateway (Bearer tokens), the WebSocket
 * upgraded through the gateway with the ticket, a message delivered live to the member who is
 * there and, through {@code chat.messages} and activity, a notification for the one who is not.
 */
@ChorusInfrastructure({ Infra.MARIADB, Infra.REDIS, Infra.KAFKA, Infra.MONGO })
class ChatThroughGatewayIntegrationTests {

	private static final Duration EVENTUALLY = Duration.ofSeconds(60);

	private static final JsonMapper json = JsonMapper.shared();

	private static ChorusStack stack;

	@BeforeAll
	static void start(TestNamespace namespace) {
		stack = ChorusStack.on(namespace).withActivity().withChat().start();
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void aMessageReachesThePresentMemberLiveAndTheAbsentOneAsANotification() {
		Visitor visitor = new Visitor(stack);
		Account ada = visitor.signup("ada");
		Account bob = visitor.signup("bob");
		Account cid = visitor.signup("cid");
		String adaToken = visitor.login(ada).accessToken();
		String bobToken = visitor.login(bob).accessToken();
		String cidToken = visitor.login(cid).accessToken();

		Map<String, Object> room = Visitor.mapResult(visitor.sendJson("POST", "/api/chat/rooms", adaToken,
				Map.of("kind", "group", "name", "band", "memberIds", List.of(bob.id(), cid.id())))
			.expectStatus()
			.isCreated()).getResponseBody();
		String roomId = (String) room.get("id");

		try (Socket adaSocket = new Socket(ticket(visitor, adaToken)); Socket bobSocket = new Socket(ticket(visitor, bobToken))) {
			adaSocket.send(Map.of("type", "subscribe", "roomId", roomId));
			bobSocket.send(Map.of("type", "subscribe", "roomId", roomId));
			adaSocket.await(f -> f.path("type").asString().equals("presence")
					&& f.path("memberId").asString().equals(bob.id()));

			adaSocket.send(Map.of("type", "send", "roomId", roomId, "clientMsgId", "c-1", "body", "rehearsal at 8"));

			JsonNode ack = adaSocket.await(f -> f.path("type").asString().equals("ack"));
			JsonNode atBob = bobSocket.await(f -> f.path("type").asString().equals("message"));
			assertThat(atBob.path("body").asString()).isEqualTo("rehearsal at 8");
			assertThat(atBob.path("senderId").asString()).isEqualTo(ada.id());
			assertThat(atBob.path("seq").asLong()).isEqualTo(ack.path("seq").asLong());
		}

		Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(notifications(visitor, cidToken))
			.anySatisfy(n -> {
				assertThat(n.path("kind").asString()).isEqualTo("CHAT_MESSAGE");
				assertThat(n.path("roomId").asString()).isEqualTo(roomId);
				assertThat(n.path("text").asString()).isEqualTo("rehearsal at 8");
				assertThat(n.path("actor").path("id").asString()).isEqualTo(ada.id());
			}));
		// Bob was there: no notification for him
		assertThat(notifications(visitor, bobToken)).noneMatch(n -> n.path("kind").asString().equals("CHAT_MESSAGE"));
	}

	@Test
	void aTicketOpensOneSocketOnly() {
		Visitor visitor = new Visitor(stack);
		Account ada = visitor.signup("ada");
		String ticket = ticket(visitor, visitor.login(ada).accessToken());
		try (Socket first = new Socket(ticket)) {
			first.send(Map.of("type", "ping"));
			first.await(f -> f.path("type").asString().equals("pong"));
			try (Socket second = new Socket(ticket)) {
				assertThat(second.closeCode()).isEqualTo(4401);
			}
		}
	}

	@Test
	void aFrameOverTheLimitClosesTheSocketWith1009() {
		Visitor visitor = new Visitor(stack);
		Account ada = visitor.signup("ada");
		try (Socket socket = new Socket(ticket(visitor, visitor.login(ada).accessToken()))) {
			socket.send(Map.of("type", "ping"));
			socket.await(f -> f.path("type").asString().equals("pong"));
			socket.send(Map.of("type", "ping", "pad", "z".repeat(20_000)));
			assertThat(socket.closeCode()).isEqualTo(1009);
		}
	}

	private static String ticket(Visitor visitor, String token) {
		return (String) Visitor.mapResult(visitor.sendJson("POST", "/api/chat/tickets", token, Map.of())
			.expectStatus()
			.isOk()).getResponseBody().get("ticket");
	}

	private static List<JsonNode> notifications(Visitor visitor, String token) {
		byte[] body = visitor.get("/api/activity/me", token).expectStatus().isOk().expectBody().returnResult()
			.getResponseBodyContent();
		return json.readTree(body).path("items").valueStream().toList();
	}

	/** A browser-like WebSocket client on the gateway (Origin: the local web UI, on the CORS list). */
	private static final class Socket implements AutoCloseable {

		private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();

		private final CompletableFuture<WebSocketCloseStatus> closed = new CompletableFuture<>();

		private final Sinks.Many<String> out = Sinks.many().unicast().onBackpressureBuffer();

		private final Disposable connection;

		Socket(String ticket) {
			this.connection = HttpClient.create()
				.headers(h -> h.set("Origin", "http://localhost:5173"))
				.websocket()
				.uri(stack.gatewayWebSocket() + "/ws/chat?ticket=" + ticket)
				.handle((in, outbound) -> {
					in.receiveCloseStatus().subscribe(this.closed::complete);
					in.receive().asString().subscribe(text -> this.frames.add(json.readTree(text)));
					return outbound.sendString(this.out.asFlux());
				})
				.subscribe(null, this.closed::completeExceptionally, () -> this.closed.complete(null));
		}

		void send(Map<String, ?> frame) {
			this.out.tryEmitNext(json.writeValueAsString(frame)).orThrow();
		}

		JsonNode await(Predicate<JsonNode> match) {
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			try {
				while (System.nanoTime() < deadline) {
					JsonNode frame = this.frames.poll(200, TimeUnit.MILLISECONDS);
					if (frame != null && match.test(frame)) {
						return frame;
					}
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			throw new AssertionError("no matching frame; closed: " + this.closed.getNow(null));
		}

		int closeCode() {
			try {
				return this.closed.get(20, TimeUnit.SECONDS).code();
			}
			catch (Exception ex) {
				throw new AssertionError(ex);
			}
		}

		@Override
		public void close() {
			this.out.tryEmitComplete();
			this.connection.dispose();
		}

	}

}
