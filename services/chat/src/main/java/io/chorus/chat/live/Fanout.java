package io.chorus.chat.live;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.lettuce.core.RedisClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Live delivery across replicas. A message is published once on its room's channel
 * ({@code chat:room:{roomId}}) together with an append to the room's recent buffer
 * ({@code chat:recent:{roomId}}), in one script so the buffer and the channel never disagree. Each pod
 * holds <b>one</b> dedicated pub/sub connection and subscribes only to rooms that have local
 * subscribers; a received payload is handed, as the same bytes, to every local connection of the room.
 *
 * <p>Payload: {@code m<seq>\n<frame>} for a message, {@code p\n<frame>} for presence,
 * {@code x\n<memberId>} when a member left the room (their live subscriptions end on every pod).
 */
public final class Fanout implements AutoCloseable {

	private static final Log log = LogFactory.getLog(Fanout.class);

	private static final String PUBLISH = """
			redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
			redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -(tonumber(ARGV[3]) + 1))
			redis.call('PEXPIRE', KEYS[1], ARGV[4])
			return redis.call('PUBLISH', KEYS[2], 'm' .. ARGV[1] .. '\\n' .. ARGV[2])
			""";

	private final ReactiveStringRedisTemplate redis;

	private final StatefulRedisPubSubConnection<byte[], byte[]> pubsub;

	private final Keys keys;

	private final int recentSize;

	private final Duration recentTtl;

	private final Map<String, LocalRoom> rooms = new HashMap<>();

	private final Map<String, LocalRoom> byChannel = new ConcurrentHashMap<>();

	/** Connects the pod's pub/sub connection (at start-up, on the caller's thread). */
	public Fanout(ReactiveStringRedisTemplate redis, RedisClient client, String keyPrefix, int recentSize,
			Duration recentTtl) {
		this.redis = redis;
		this.keys = new Keys(keyPrefix);
		this.recentSize = recentSize;
		this.recentTtl = recentTtl;
		this.pubsub = client.connectPubSub(ByteArrayCodec.INSTANCE);
		this.pubsub.addListener(new RedisPubSubAdapter<>() {
			@Override
			public void message(byte[] channel, byte[] payload) {
				dispatch(new String(channel, StandardCharsets.UTF_8), payload);
			}
		});
	}

	/** Adds a local subscriber; completes once the pod is subscribed to the room's channel. */
	public Mono<Void> join(String roomId, Connection connection) {
		synchronized (this.rooms) {
			LocalRoom room = this.rooms.get(roomId);
			if (room == null) {
				room = new LocalRoom(roomId);
				String channel = this.keys.channel(roomId);
				this.rooms.put(roomId, room);
				this.byChannel.put(channel, room);
				room.subscribed = Mono
					.fromCompletionStage(this.pubsub.async().subscribe(channel.getBytes(StandardCharsets.UTF_8)))
					.then()
					.cache();
			}
			room.connections.add(connection);
			return room.subscribed;
		}
	}

	/** Removes a local subscriber; the last one unsubscribes the pod from the room's channel. */
	public void leave(String roomId, Connection connection) {
		synchronized (this.rooms) {
			LocalRoom room = this.rooms.get(roomId);
			if (room == null || !room.connections.remove(connection) || !room.connections.isEmpty()) {
				return;
			}
			this.rooms.remove(roomId);
			String channel = this.keys.channel(roomId);
			this.byChannel.remove(channel);
			this.pubsub.async().unsubscribe(channel.getBytes(StandardCharsets.UTF_8));
		}
	}

	/** Rooms with local subscribers (for presence heartbeats). */
	public List<String> localRooms() {
		synchronized (this.rooms) {
			return new ArrayList<>(this.rooms.keySet());
		}
	}

	/** Appends the frame to the room's recent buffer and publishes it, atomically. */
	public Mono<Void> publish(String roomId, long seq, byte[] frame) {
		return Lua
			.eval(this.redis, PUBLISH, List.of(this.keys.recent(roomId), this.keys.channel(roomId)),
					List.of(Long.toString(seq), new String(frame, StandardCharsets.UTF_8),
							Integer.toString(this.recentSize), Long.toString(this.recentTtl.toMillis())))
			.then();
	}

	/**
	 * The buffered frames after {@code afterSeq}, oldest first, or empty when the buffer does not reach
	 * back to {@code afterSeq} (then history has to answer).
	 */
	public Mono<List<Recovered>> recent(String roomId, long afterSeq) {
		return this.redis.opsForZSet()
			.rangeByScoreWithScores(this.keys.recent(roomId),
					Range.closed((double) afterSeq, Double.POSITIVE_INFINITY))
			.collectList()
			.flatMap(entries -> {
				boolean reachesBack = !entries.isEmpty() && entries.getFirst().getScore() <= afterSeq;
				boolean fromStart = !entries.isEmpty() && afterSeq == 0 && entries.getFirst().getScore() == 1;
				if (!reachesBack && !fromStart) {
					return Mono.empty();
				}
				List<Recovered> frames = new ArrayList<>(entries.size());
				for (var entry : entries) {
					long seq = entry.getScore().longValue();
					if (seq > afterSeq) {
						frames.add(new Recovered(seq, entry.getValue().getBytes(StandardCharsets.UTF_8)));
					}
				}
				return Mono.just(frames);
			});
	}

	/** Ends the member's live subscriptions to the room on every pod (they left it). */
	public Mono<Void> evict(String roomId, String memberId) {
		return this.redis.convertAndSend(this.keys.channel(roomId), "x\n" + memberId).then();
	}

	private void dispatch(String channel, byte[] payload) {
		LocalRoom room = this.byChannel.get(channel);
		if (room == null) {
			return;
		}
		int newline = indexOf(payload, (byte) '\n');
		if (newline < 1) {
			log.warn("Ignoring a malformed payload on " + channel);
			return;
		}
		if (payload[0] == 'x') {
			String memberId = new String(payload, newline + 1, payload.length - newline - 1, StandardCharsets.UTF_8);
			for (Connection connection : room.connections) {
				if (connection.memberId().equals(memberId)) {
					connection.evict(room.roomId);
				}
			}
			return;
		}
		long seq = -1;
		if (payload[0] == 'm') {
			seq = Long.parseLong(new String(payload, 1, newline - 1, StandardCharsets.US_ASCII));
		}
		byte[] frame = java.util.Arrays.copyOfRange(payload, newline + 1, payload.length);
		for (Connection connection : room.connections) {
			connection.deliver(room.roomId, seq, frame);
		}
	}

	private static int indexOf(byte[] bytes, byte b) {
		for (int i = 0; i < Math.min(bytes.length, 32); i++) {
			if (bytes[i] == b) {
				return i;
			}
		}
		return -1;
	}

	@Override
	public void close() {
		this.pubsub.closeAsync();
	}

	/** A frame from the recent buffer or history. */
	public record Recovered(long seq, byte[] frame) {
	}

	private static final class LocalRoom {

		final String roomId;

		final Set<Connection> connections = ConcurrentHashMap.newKeySet();

		Mono<Void> subscribed = Mono.empty();

		LocalRoom(String roomId) {
			this.roomId = roomId;
		}

	}

}
