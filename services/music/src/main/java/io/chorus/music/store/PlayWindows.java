package io.chorus.music.store;

import java.time.Duration;

import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * At most one counted play per member and track per window: {@code SET NX} with a TTL on
 * {@code <prefix>music:play-window:{memberId}:{trackId}}. The first caller in a window wins
 * atomically, so concurrent reports of the same play count once.
 */
public class PlayWindows {

	private final ReactiveStringRedisTemplate redis;

	private final String prefix;

	private final Duration window;

	public PlayWindows(ReactiveStringRedisTemplate redis, String keyPrefix, Duration window) {
		this.redis = redis;
		this.prefix = keyPrefix + "music:play-window:";
		this.window = window;
	}

	/** True if this call opened the window (the play may count). */
	public Mono<Boolean> open(String memberId, String trackId, String playId) {
		return this.redis.opsForValue()
			.setIfAbsent(key(memberId, trackId), playId, this.window)
			.defaultIfEmpty(false);
	}

	/** Gives the window back when the play could not be recorded after all. */
	public Mono<Void> release(String memberId, String trackId) {
		return this.redis.delete(key(memberId, trackId)).then();
	}

	private String key(String memberId, String trackId) {
		return this.prefix + memberId + ":" + trackId;
	}

}
