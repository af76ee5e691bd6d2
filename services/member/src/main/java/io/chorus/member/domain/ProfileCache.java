package io.chorus.member.domain;

import java.time.Clock;
import java.time.Duration;

import io.chorus.platform.cache.ExpiringCache;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Public profiles by id, kept for a few seconds: {@code GET /api/members/{id}} is the most
 * repeated read and otherwise a MariaDB query each time. This replica drops an entry as soon as it
 * changes the profile (edit, handle, a follow or unfollow moving a count); another replica's change
 * is seen here within {@code ttl}, so a public profile (and its follower counts) may lag by that
 * much. {@code maxEntries} 0 turns the cache off.
 */
public final class ProfileCache {

	private final @Nullable ExpiringCache<String, Member> profiles;

	private final Duration ttl;

	private final Clock clock;

	public ProfileCache(int maxEntries, Duration ttl, Clock clock) {
		this.profiles = (maxEntries > 0 && ttl.isPositive()) ? new ExpiringCache<>(maxEntries) : null;
		this.ttl = ttl;
		this.clock = clock;
	}

	Mono<Member> get(String id, Mono<Member> load) {
		ExpiringCache<String, Member> cache = this.profiles;
		if (cache == null) {
			return load;
		}
		Member cached = cache.get(id, this.clock.instant());
		if (cached != null) {
			return Mono.just(cached);
		}
		return load.doOnNext((member) -> cache.put(id, member, this.clock.instant().plus(this.ttl), this.clock.instant()));
	}

	void invalidate(String... ids) {
		ExpiringCache<String, Member> cache = this.profiles;
		if (cache != null) {
			for (String id : ids) {
				cache.invalidate(id);
			}
		}
	}

}
