package io.chorus.member.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.chorus.member.events.MemberEvents;
import io.chorus.member.store.FollowStore;
import io.chorus.member.store.MemberStore;
import io.chorus.platform.web.KeysetCursor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.transaction.reactive.TransactionalOperator;

/** The follow graph: idempotent follow/unfollow, keyset-paged lists, recommendations. */
public final class Follows {

	public static final int PAGE_MAX = 100;

	public static final int RECOMMENDATIONS_MAX = 50;

	private final MemberStore members;

	private final FollowStore follows;

	private final MemberEvents events;

	private final TransactionalOperator tx;

	private final Clock clock;

	private final ProfileCache profiles;

	public Follows(MemberStore members, FollowStore follows, MemberEvents events, TransactionalOperator tx,
			Clock clock, ProfileCache profiles) {
		this.members = members;
		this.follows = follows;
		this.profiles = profiles;
		this.events = events;
		this.tx = tx;
		this.clock = clock;
	}

	/** Follows {@code followeeId}; a repeat changes nothing and emits nothing. */
	public Mono<Void> follow(String followerId, String followeeId) {
		return target(followerId, followeeId).then(Mono.defer(() -> {
			Instant now = this.clock.instant();
			return this.tx.transactional(this.follows.follow(followerId, followeeId, now)
				.flatMap((added) -> added ? this.events.followed(followerId, followeeId, now) : Mono.empty()))
				.retryWhen(DeadlockRetry.spec())
				.doOnSuccess((done) -> this.profiles.invalidate(followerId, followeeId));
		}));
	}

	/** Unfollows {@code followeeId}; a repeat changes nothing and emits nothing. */
	public Mono<Void> unfollow(String followerId, String followeeId) {
		return target(followerId, followeeId).then(Mono.defer(() -> {
			Instant now = this.clock.instant();
			return this.tx.transactional(this.follows.unfollow(followerId, followeeId)
				.flatMap((removed) -> removed ? this.events.unfollowed(followerId, followeeId, now) : Mono.empty()))
				.retryWhen(DeadlockRetry.spec())
				.doOnSuccess((done) -> this.profiles.invalidate(followerId, followeeId));
		}));
	}

	// 400 for oneself, 404 for anyone who is not an active member.
	private Mono<Void> target(String followerId, String followeeId) {
		if (followerId.equals(followeeId)) {
			return Mono.error(Problems.validation(List.of(new Violation("id", "you cannot follow yourself"))));
		}
		if (!MemberRules.isMemberId(followeeId)) {
			return Mono.error(Profiles.notFound());
		}
		return this.members.findActiveById(followeeId).switchIfEmpty(Mono.error(Profiles::notFound)).then();
	}

	public Mono<Page> followers(String memberId, @Nullable String cursor, int limit) {
		return page(memberId, cursor, limit, true);
	}

	public Mono<Page> followings(String memberId, @Nullable String cursor, int limit) {
		return page(memberId, cursor, limit, false);
	}

	private Mono<Page> page(String memberId, @Nullable String rawCursor, int limit, boolean followers) {
		KeysetCursor after = null;
		if (rawCursor != null && !rawCursor.isEmpty()) {
			after = KeysetCursor.decode(rawCursor, MemberRules::isMemberId).orElse(null);
			if (after == null) {
				return Mono.error(Problems.validation(List.of(new Violation("cursor", "is not a valid cursor"))));
			}
		}
		KeysetCursor from = after;
		// One extra row tells whether another page exists without a COUNT.
		return this.members.findActiveById(memberId)
			.switchIfEmpty(Mono.error(Profiles::notFound))
			.flatMapMany((member) -> followers ? this.follows.followers(memberId, from, limit + 1)
					: this.follows.followings(memberId, from, limit + 1))
			.collectList()
			.map((rows) -> {
				boolean more = rows.size() > limit;
				List<FollowEdge> items = more ? rows.subList(0, limit) : rows;
				String next = more ? items.get(items.size() - 1).cursor().encode() : null;
				return new Page(List.copyOf(items), next);
			});
	}

	/**
	 * Friends of friends first (most shared follows first), then the newest members, never
	 * oneself or anyone already followed.
	 */
	public Mono<List<Recommendation>> recommendations(String memberId, int limit) {
		Flux<Recommendation> fof = this.follows.friendsOfFriends(memberId, limit)
			.map((m) -> new Recommendation(m, Recommendation.FRIEND_OF_FRIEND));
		Flux<Recommendation> fresh = this.members.newest(memberId, limit)
			.map((m) -> new Recommendation(m, Recommendation.NEW_MEMBER));
		return Flux.concat(fof, fresh).collectList().map((all) -> {
			Map<String, Recommendation> unique = new LinkedHashMap<>();
			all.forEach((r) -> unique.putIfAbsent(r.member().id(), r));
			return unique.values().stream().limit(limit).toList();
		});
	}

	/** One page of a followers/followings list. */
	public record Page(List<FollowEdge> items, @Nullable String nextCursor) {
	}

	/** A suggested member and why. */
	public record Recommendation(MemberSummary member, String reason) {

		public static final String FRIEND_OF_FRIEND = "followed-by-your-followings";

		public static final String NEW_MEMBER = "new-member";

	}

}
