package io.chorus.chat.live;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * One WebSocket connection: its member, its room subscriptions and its own bounded outbound queue.
 * Frames come from several threads (the pod's pub/sub connection, this connection's inbound
 * processing, the ping ticker), so emission is serialized on the connection's monitor — a few
 * non-blocking queue operations. When the queue is full the client is not draining: the connection
 * is closed with 4408 and the client recovers on reconnect, while the rest of the room goes on.
 */
public final class Connection {

	private static final Log log = LogFactory.getLog(Connection.class);

	public static final CloseStatus SLOW_CONSUMER = new CloseStatus(4408, "slow consumer");

	public static final CloseStatus BAD_TICKET = new CloseStatus(4401, "bad, expired or reused ticket");

	public static final CloseStatus NOT_A_MEMBER = new CloseStatus(4403, "not a member");

	public static final CloseStatus ORIGIN_REFUSED = new CloseStatus(4403, "origin not allowed");

	public static final CloseStatus RATE_LIMITED = new CloseStatus(4429, "rate limited");

	private final String memberId;

	private final WebSocketSession session;

	private final int capacity;

	private final Sinks.Many<WebSocketMessage> out;

	private final Map<String, Subscription> subscriptions = new HashMap<>();

	private final TokenBucket sends;

	private final java.util.function.Consumer<CloseStatus> onClose;

	private java.util.function.Consumer<String> onEvict = room -> {
	};

	private boolean closed;

	public Connection(String memberId, WebSocketSession session, int capacity, TokenBucket sends,
			java.util.function.Consumer<CloseStatus> onClose) {
		this.memberId = memberId;
		this.onClose = onClose;
		this.session = session;
		this.capacity = capacity;
		this.sends = sends;
		this.out = Sinks.many().unicast().onBackpressureBuffer(Queues.<WebSocketMessage>get(capacity).get());
	}

	void onEvict(java.util.function.Consumer<String> onEvict) {
		this.onEvict = onEvict;
	}

	/** The member left the room (on some pod): this connection's subscription to it ends. */
	void evict(String roomId) {
		this.onEvict.accept(roomId);
	}

	public String memberId() {
		return this.memberId;
	}

	public TokenBucket sends() {
		return this.sends;
	}

	Flux<WebSocketMessage> outbound() {
		return this.out.asFlux();
	}

	/** A reply to this connection (ack, error, pong, recovered frames). */
	public synchronized void send(byte[] frame) {
		offer(text(frame));
	}

	synchronized void ping() {
		offer(this.session.pingMessage(factory -> factory.wrap(new byte[0])));
	}

	/** A room frame from the pub/sub connection: held while the subscription recovers, else queued. */
	public void deliver(String roomId, long seq, byte[] frame) {
		synchronized (this) {
			Subscription subscription = this.subscriptions.get(roomId);
			if (subscription == null || this.closed) {
				return;
			}
			if (subscription.held != null) {
				if (subscription.held.size() >= this.capacity) {
					overflow();
					return;
				}
				subscription.held.add(new Held(seq, frame));
				return;
			}
			offer(text(frame));
		}
	}

	public synchronized int subscriptionCount() {
		return this.subscriptions.size();
	}

	public synchronized boolean isSubscribed(String roomId) {
		return this.subscriptions.containsKey(roomId);
	}

	/** Starts a subscription; with {@code recovering} live frames are held until {@link #recovered}. */
	public synchronized boolean subscribe(String roomId, boolean recovering) {
		if (this.closed || this.subscriptions.containsKey(roomId)) {
			return false;
		}
		this.subscriptions.put(roomId, new Subscription(recovering ? new ArrayList<>() : null));
		return true;
	}

	public synchronized boolean unsubscribe(String roomId) {
		return this.subscriptions.remove(roomId) != null;
	}

	public synchronized List<String> rooms() {
		return new ArrayList<>(this.subscriptions.keySet());
	}

	/**
	 * Ends recovery: the recovered frames (or a gap) first, then the live frames that arrived meanwhile
	 * and were not among the recovered ones.
	 */
	public synchronized void recovered(String roomId, List<Fanout.Recovered> frames, byte @Nullable [] gap) {
		Subscription subscription = this.subscriptions.get(roomId);
		if (subscription == null || subscription.held == null) {
			return;
		}
		Set<Long> seen = new HashSet<>();
		if (gap != null) {
			offer(text(gap));
		}
		for (Fanout.Recovered frame : frames) {
			seen.add(frame.seq());
			offer(text(frame.frame()));
		}
		List<Held> held = subscription.held;
		subscription.held = null;
		for (Held h : held) {
			if (h.seq < 0 || !seen.contains(h.seq)) {
				offer(text(h.frame));
			}
		}
	}

	/** Closes the connection with the status (idempotent). */
	public void close(CloseStatus status) {
		synchronized (this) {
			if (this.closed) {
				return;
			}
			this.closed = true;
		}
		this.onClose.accept(status);
		this.session.close(status)
			.subscribe(null, ex -> log.debug("Closing a chat connection failed: " + ex));
	}

	/** The session ended: no more frames. */
	synchronized void completed() {
		this.closed = true;
		this.out.tryEmitComplete();
	}

	private WebSocketMessage text(byte[] frame) {
		// wrap, not copy: every recipient of a room frame shares the one encoded array
		return new WebSocketMessage(WebSocketMessage.Type.TEXT, this.session.bufferFactory().wrap(frame));
	}

	private void offer(WebSocketMessage message) {
		if (this.closed) {
			return;
		}
		Sinks.EmitResult result = this.out.tryEmitNext(message);
		if (result == Sinks.EmitResult.FAIL_OVERFLOW) {
			overflow();
		}
		else if (result.isFailure() && result != Sinks.EmitResult.FAIL_TERMINATED
				&& result != Sinks.EmitResult.FAIL_CANCELLED) {
			log.warn("Dropping a frame for " + this.memberId + ": " + result);
		}
	}

	private void overflow() {
		log.debug("Closing a slow consumer (" + this.memberId + ")");
		close(SLOW_CONSUMER);
	}

	private static final class Subscription {

		@Nullable List<Held> held;

		Subscription(@Nullable List<Held> held) {
			this.held = held;
		}

	}

	private record Held(long seq, byte[] frame) {
	}

}
