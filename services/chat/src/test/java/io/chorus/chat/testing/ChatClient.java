package io.chorus.chat.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A WebSocket client speaking the chat protocol (Reactor Netty). Frames land in a queue the test
 * thread reads; the close status is kept. Nothing here blocks an event loop.
 */
public final class ChatClient implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.shared();

	public static final String DEFAULT_ORIGIN = "http://localhost:8080";

	private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();

	private final List<JsonNode> seen = new ArrayList<>();

	private final List<JsonNode> unread = new ArrayList<>();

	private final CompletableFuture<WebSocketCloseStatus> closed = new CompletableFuture<>();

	private final Sinks.Many<String> outbound = Sinks.many().unicast().onBackpressureBuffer();

	private final Disposable connection;

	private ChatClient(int port, String query, @Nullable String origin) {
		this.connection = HttpClient.create()
			// Netty's handshaker adds an Origin of its own (http://127.0.0.1:<port>) unless one is set:
			// send the public origin a browser on the gateway would send, unless the test says otherwise
			.headers(h -> h.set("Origin", (origin != null) ? origin : DEFAULT_ORIGIN))
			.websocket(WebsocketClientSpec.builder().maxFramePayloadLength(1 << 20).build())
			.uri("ws://127.0.0.1:" + port + "/ws/chat" + query)
			.handle((in, out) -> {
				in.receiveCloseStatus().subscribe(this.closed::complete);
				in.receive().asString().subscribe(text -> this.frames.add(json.readTree(text)));
				return out.sendString(this.outbound.asFlux());
			})
			.subscribe(null, this.closed::completeExceptionally, () -> this.closed.complete(null));
	}

	public static ChatClient connect(int port, String ticket, @Nullable String origin) {
		return new ChatClient(port, "?ticket=" + ticket, origin);
	}

	public static ChatClient connectRaw(int port, String query, @Nullable String origin) {
		return new ChatClient(port, query, origin);
	}

	public void sendRaw(String text) {
		this.outbound.tryEmitNext(text).orThrow();
	}

	public void send(Map<String, ?> frame) {
		sendRaw(json.writeValueAsString(frame));
	}

	public void subscribe(String roomId, @Nullable Long afterSeq) {
		send((afterSeq != null) ? Map.of("type", "subscribe", "roomId", roomId, "afterSeq", afterSeq)
				: Map.of("type", "subscribe", "roomId", roomId));
	}

	public void message(String roomId, String clientMsgId, String body) {
		send(Map.of("type", "send", "roomId", roomId, "clientMsgId", clientMsgId, "body", body));
	}

	/** Sends and waits for the ack; returns its seq. */
	public long sendAndAck(String roomId, String clientMsgId, String body) {
		message(roomId, clientMsgId, body);
		return await(f -> type(f, "ack") && f.path("clientMsgId").asString().equals(clientMsgId),
				Duration.ofSeconds(15)).path("seq").asLong();
	}

	/**
	 * The first frame matching, oldest first; frames that do not match stay for later calls (and are
	 * listed in {@link #seen()}).
	 */
	public JsonNode await(Predicate<JsonNode> match, Duration timeout) {
		for (var it = this.unread.iterator(); it.hasNext();) {
			JsonNode frame = it.next();
			if (match.test(frame)) {
				it.remove();
				return frame;
			}
		}
		long deadline = System.nanoTime() + timeout.toNanos();
		try {
			while (true) {
				long left = deadline - System.nanoTime();
				JsonNode frame = (left > 0) ? this.frames.poll(left, TimeUnit.NANOSECONDS) : null;
				if (frame == null) {
					throw new AssertionError("no matching frame within " + timeout + "; seen " + this.seen
							+ "; closed: " + closeStatus());
				}
				this.seen.add(frame);
				if (match.test(frame)) {
					return frame;
				}
				this.unread.add(frame);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	/** {@code n} frames of type {@code message} in room {@code roomId}, in arrival order. */
	public List<JsonNode> messages(String roomId, int n, Duration timeout) {
		List<JsonNode> messages = new ArrayList<>();
		while (messages.size() < n) {
			messages.add(await(f -> type(f, "message") && f.path("roomId").asString().equals(roomId), timeout));
		}
		return messages;
	}

	public List<JsonNode> seen() {
		return this.seen;
	}

	/** The close status the server sent, waiting up to {@code timeout}. */
	public @Nullable Integer awaitClose(Duration timeout) {
		try {
			WebSocketCloseStatus status = this.closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return (status != null) ? status.code() : null;
		}
		catch (Exception ex) {
			java.util.List<JsonNode> unreadNow = new java.util.ArrayList<>(this.unread);
			this.frames.drainTo(unreadNow);
			throw new AssertionError("not closed within " + timeout + ": " + ex + "; frames not yet awaited: "
					+ unreadNow.stream().map(f -> f.path("type").asString()).toList());
		}
	}

	public boolean isClosed() {
		return this.closed.isDone();
	}

	private @Nullable String closeStatus() {
		return this.closed.isDone() ? String.valueOf(this.closed.getNow(null)) : null;
	}

	public static boolean type(JsonNode frame, String type) {
		return frame.path("type").asString().equals(type);
	}

	@Override
	public void close() {
		this.outbound.tryEmitComplete();
		this.connection.dispose();
	}

}
