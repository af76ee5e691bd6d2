package io.chorus.music.store;

import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * A member's recently played tracks: a capped Redis list {@code <prefix>music:recent:{memberId}},
 * newest first, each track once. One Lua script moves a track to the front, trims and refreshes
 * the TTL atomically.
 */
public class RecentTracks {

	private static final RedisScript<Long> TOUCH = RedisScript.of("""
			redis.call('LREM', KEYS[1], 0, ARGV[1])
			redis.call('LPUSH', KEYS[1], ARGV[1])
			redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
			redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
			return 1
			""", Long.class);

	private final ReactiveStringRedisTemplate redis;

	private final String prefix;

	private final int cap;

	private final Duration ttl;

	public RecentTracks(ReactiveStringRedisTemplate redis, String keyPrefix, int cap, Duration ttl) {
		this.redis = redis;
		this.prefix = keyPrefix + "music:recent:";
		this.cap = cap;
		this.ttl = ttl;
	}

	public Mono<Void> touch(String memberId, String trackId) {
		return this.redis
			.execute(TOUCH, List.of(this.prefix + memberId),
					List.of(trackId, Integer.toString(this.cap), Long.toString(this.ttl.toSeconds())))
			.then();
	}

	/** Newest first, at most {@code limit}. */
	public Mono<List<String>> list(String memberId, int limit) {
		return this.redis.opsForList().range(this.prefix + memberId, 0, limit - 1L).collectList();
	}

}
