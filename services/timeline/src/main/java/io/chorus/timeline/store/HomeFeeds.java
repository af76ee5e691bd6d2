package io.chorus.timeline.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.chorus.timeline.domain.Position;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;

/**
 * Home feeds in Redis: sorted set {@code tl:home:{memberId}}, member = post id, score = the post's
 * creation time in epoch millis (ties ordered by id, as Redis orders equal scores by member), capped
 * at {@code cap} entries (the oldest are trimmed on every add).
 */
public class HomeFeeds {

	/** ZADD every (score, member) pair of ARGV[2..], then trim to the newest ARGV[1] entries. */
	private static final String ADD = """
			for i = 2, #ARGV, 2 do
			  redis.call('ZADD', KEYS[1], ARGV[i], ARGV[i + 1])
			end
			return redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -(tonumber(ARGV[1]) + 1))
			""";

	private final ReactiveStringRedisTemplate redis;

	private final String prefix;

	private final int cap;

	public HomeFeeds(ReactiveStringRedisTemplate redis, String keyPrefix, int cap) {
		this.redis = redis;
		this.prefix = keyPrefix + "tl:home:";
		this.cap = cap;
	}

	public String key(String memberId) {
		return this.prefix + memberId;
	}

	/** Adds entries to one member's feed and trims it: one round trip. */
	public Mono<Void> add(String memberId, Collection<Position> entries) {
		if (entries.isEmpty()) {
			return Mono.empty();
		}
		List<String> args = new ArrayList<>(1 + 2 * entries.size());
		args.add(Integer.toString(this.cap));
		for (Position entry : entries) {
			args.add(Long.toString(entry.millis()));
			args.add(entry.id());
		}
		return Lua.eval(this.redis, ADD, List.of(key(memberId)), args);
	}

	public Mono<Void> remove(String memberId, Collection<String> postIds) {
		if (postIds.isEmpty()) {
			return Mono.empty();
		}
		return this.redis.opsForZSet().remove(key(memberId), postIds.toArray()).then();
	}

	public Mono<Void> drop(String memberId) {
		return this.redis.delete(key(memberId)).then();
	}

	/**
	 * Up to {@code n} entries strictly after {@code before}, newest first. With a cursor: the
	 * entries sharing its millisecond (few) and the older ones, fetched together.
	 */
	public Mono<List<Position>> page(String memberId, @Nullable Position before, int n) {
		String key = key(memberId);
		Limit limit = Limit.limit().count(n);
		if (before == null) {
			return positions(this.redis.opsForZSet().reverseRangeByScoreWithScores(key, Range.unbounded(), limit));
		}
		double score = before.millis();
		Mono<List<Position>> same = this.redis.opsForZSet()
			.rangeByScore(key, Range.closed(score, score))
			.map((id) -> new Position(before.millis(), id))
			.filter((p) -> p.after(before))
			.collectList();
		Mono<List<Position>> older = positions(this.redis.opsForZSet()
			.reverseRangeByScoreWithScores(key, Range.of(Range.Bound.unbounded(), Range.Bound.exclusive(score)), limit));
		return Mono.zip(same, older).map((both) -> {
			List<Position> out = new ArrayList<>(both.getT1());
			out.sort(Position.NEWEST_FIRST);
			out.addAll(both.getT2());
			return (out.size() > n) ? List.copyOf(out.subList(0, n)) : out;
		});
	}

	private static Mono<List<Position>> positions(Flux<TypedTuple<String>> tuples) {
		return tuples.map((t) -> new Position(t.getScore().longValue(), t.getValue())).collectList();
	}

}
