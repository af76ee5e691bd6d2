package io.chorus.platform.events.consumer;

import java.time.Duration;
import java.time.Instant;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import reactor.core.publisher.Mono;

/**
 * Redis keys {@code <chorus.redis.key-prefix>dedupe:{group}:{eventId}}, written with
 * {@code SET NX} and a TTL of at least the topic's retention: an event can be redelivered for as
 * long as the topic keeps it, so its key must live at least that long (earlier systems kept 30 s).
 * Forgetting scans with {@code SCAN MATCH}, never {@code KEYS}.
 */
public final class RedisEventDeduplicator implements EventDeduplicator {

	private static final int DELETE_BATCH = 500;

	private final ReactiveStringRedisTemplate redis;

	private final String keyPrefix;

	public RedisEventDeduplicator(ReactiveStringRedisTemplate redis, String keyPrefix) {
		this.redis = redis;
		this.keyPrefix = keyPrefix;
	}

	@Override
	public Mono<Boolean> isProcessed(String group, String eventId) {
		return this.redis.hasKey(DedupeKeys.key(this.keyPrefix, group, eventId));
	}

	@Override
	public Mono<Void> markProcessed(String group, String eventId, Duration ttl) {
		return this.redis.opsForValue().setIfAbsent(DedupeKeys.key(this.keyPrefix, group, eventId), "1", ttl).then();
	}

	@Override
	public Mono<Long> forget(String group, Instant since) {
		String prefix = DedupeKeys.key(this.keyPrefix, group, "");
		return this.redis.scan(ScanOptions.scanOptions().match(DedupeKeys.groupPattern(this.keyPrefix, group)).count(1000).build())
			.filter(key -> DedupeKeys.mintedSince(key.substring(prefix.length()), since))
			.buffer(DELETE_BATCH)
			.concatMap(keys -> this.redis.unlink(keys.toArray(String[]::new)))
			.reduce(0L, Long::sum);
	}

}
