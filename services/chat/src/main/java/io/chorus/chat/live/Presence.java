package io.chorus.chat.live;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Presence per room: a sorted set {@code chat:presence:{roomId}} of {@code memberId|podId} scored by
 * expiry (epoch ms). A pod refreshes its own entries every heartbeat and drops expired entries on the
 * way; a pod that dies without closing its sockets simply stops refreshing and its members drop out
 * when their entries expire. Entries are per pod so that a member connected through two pods stays
 * online while either is. Changes (a member's first live entry, their last one gone) are published
 * on the room's channel as {@code presence} frames, by the same script that makes the change, so
 * exactly one pod announces each change.
 */
public final class Presence {

	private static final String HAS_LIVE = """
			local function hasLive(key, member, now)
			  local prefix = member .. '|'
			  for _, e in ipairs(redis.call('ZRANGEBYSCORE', key, '(' .. now, '+inf')) do
			    if string.sub(e, 1, #prefix) == prefix then return true end
			  end
			  return false
			end
			local function frame(room, member, online)
			  return 'p\\n{"type":"presence","roomId":"' .. room .. '","memberId":"' .. member .. '","online":' .. online .. '}'
			end
			""";

	/** KEYS: set, channel; ARGV: member, entry, expiry, now, roomId, key ttl. */
	private static final String ONLINE = HAS_LIVE + """
			local was = hasLive(KEYS[1], ARGV[1], ARGV[4])
			redis.call('ZADD', KEYS[1], ARGV[3], ARGV[2])
			redis.call('PEXPIRE', KEYS[1], ARGV[6])
			if not was then redis.call('PUBLISH', KEYS[2], frame(ARGV[5], ARGV[1], 'true')) return 1 end
			return 0
			""";

	/** KEYS: set, channel; ARGV: member, entry, now, roomId. */
	private static final String OFFLINE = HAS_LIVE + """
			if redis.call('ZREM', KEYS[1], ARGV[2]) == 1 and not hasLive(KEYS[1], ARGV[1], ARGV[3]) then
			  redis.call('PUBLISH', KEYS[2], frame(ARGV[4], ARGV[1], 'false'))
			  return 1
			end
			return 0
			""";

	/** KEYS: set, channel; ARGV: now, roomId. */
	private static final String SWEEP = HAS_LIVE + """
			local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
			if #expired == 0 then return 0 end
			redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
			local seen = {}
			local n = 0
			for _, e in ipairs(expired) do
			  local member = string.match(e, '^(.*)|[^|]*$')
			  if member and not seen[member] then
			    seen[member] = true
			    if not hasLive(KEYS[1], member, ARGV[1]) then
			      redis.call('PUBLISH', KEYS[2], frame(ARGV[2], member, 'false'))
			      n = n + 1
			    end
			  end
			end
			return n
			""";

	private final ReactiveStringRedisTemplate redis;

	private final Keys keys;

	private final String podId;

	private final Duration ttl;

	private final Clock clock;

	/** Local (room → member → open subscriptions on this pod). */
	private final Map<String, Map<String, Integer>> local = new HashMap<>();

	public Presence(ReactiveStringRedisTemplate redis, String keyPrefix, String podId, Duration ttl, Clock clock) {
		this.redis = redis;
		this.keys = new Keys(keyPrefix);
		this.podId = podId;
		this.ttl = ttl;
		this.clock = clock;
	}

	/** A local subscription of the member to the room; the first one on this pod writes the entry. */
	public Mono<Void> join(String roomId, String memberId) {
		synchronized (this.local) {
			Map<String, Integer> members = this.local.computeIfAbsent(roomId, r -> new HashMap<>());
			if (members.merge(memberId, 1, Integer::sum) > 1) {
				return Mono.empty();
			}
		}
		return online(roomId, memberId).then();
	}

	/** The last local subscription of the member to the room removes this pod's entry. */
	public Mono<Void> leave(String roomId, String memberId) {
		synchronized (this.local) {
			Map<String, Integer> members = this.local.get(roomId);
			if (members == null) {
				return Mono.empty();
			}
			Integer left = members.computeIfPresent(memberId, (m, n) -> (n > 1) ? n - 1 : null);
			if (left != null) {
				return Mono.empty();
			}
			if (members.isEmpty()) {
				this.local.remove(roomId);
			}
		}
		long now = this.clock.millis();
		return Lua.eval(this.redis, OFFLINE, List.of(this.keys.presence(roomId), this.keys.channel(roomId)),
				List.of(memberId, entry(memberId), Long.toString(now), roomId))
			.then();
	}

	/** Refreshes every local entry and drops expired ones of the local rooms (one heartbeat). */
	public Mono<Void> heartbeat() {
		List<String[]> pairs = new ArrayList<>();
		synchronized (this.local) {
			this.local.forEach((room, members) -> members.keySet().forEach(m -> pairs.add(new String[] { room, m })));
		}
		Set<String> rooms = new LinkedHashSet<>();
		pairs.forEach(p -> rooms.add(p[0]));
		Flux<Long> refresh = Flux.fromIterable(pairs).flatMap(p -> online(p[0], p[1]), 64);
		Flux<Long> sweep = Flux.fromIterable(rooms).flatMap(this::sweep, 64);
		return refresh.thenMany(sweep).then();
	}

	/** Drops expired entries of one room, announcing members who are gone. */
	public Mono<Long> sweep(String roomId) {
		return Lua.eval(this.redis, SWEEP, List.of(this.keys.presence(roomId), this.keys.channel(roomId)),
				List.of(Long.toString(this.clock.millis()), roomId));
	}

	/** Members with a live entry in the room (expired entries are ignored on read). */
	public Mono<Set<String>> online(String roomId) {
		return this.redis.opsForZSet()
			.rangeByScore(this.keys.presence(roomId),
					Range.leftOpen((double) this.clock.millis(), Double.POSITIVE_INFINITY))
			.map(Presence::memberOf)
			.collect(LinkedHashSet::new, Set::add);
	}

	private Mono<Long> online(String roomId, String memberId) {
		long now = this.clock.millis();
		return Lua.eval(this.redis, ONLINE, List.of(this.keys.presence(roomId), this.keys.channel(roomId)),
				List.of(memberId, entry(memberId), Long.toString(now + this.ttl.toMillis()), Long.toString(now), roomId,
						Long.toString(this.ttl.toMillis() * 2)));
	}

	private String entry(String memberId) {
		return memberId + "|" + this.podId;
	}

	static String memberOf(String entry) {
		int bar = entry.lastIndexOf('|');
		return (bar > 0) ? entry.substring(0, bar) : entry;
	}

}
