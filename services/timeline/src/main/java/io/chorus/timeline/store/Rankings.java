package io.chorus.timeline.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.chorus.timeline.domain.RankPosition;
import io.chorus.timeline.domain.Window;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;

/**
 * Sliding-window rankings (likes for "popular", comments for "most commented") in Redis, without
 * scanning posts on a read:
 * <ul>
 * <li>{@code tl:rank:{kind}:b:{bucket}}: sorted set post id → net count in one 5-minute bucket
 * (expires a week after it ends);</li>
 * <li>{@code tl:rank:{kind}:w:{window}}: the window's ranking = sum of its buckets, kept current:
 * an event adds to its bucket and to every window still holding that bucket, and
 * {@link #roll(Instant)} subtracts buckets as they leave a window;</li>
 * <li>{@code tl:rank:{kind}:rolled:{window}}: the newest bucket already subtracted from it;</li>
 * <li>{@code tl:rank:{kind}:seen:{eventId}}: applied-event marker (8 days), so a re-applied event
 * counts once.</li>
 * </ul>
 * The {@code {kind}} hash tag keeps one ranking's keys in one cluster slot for the scripts.
 */
public class Rankings {

	/** What a ranking counts. */
	public enum Kind {

		LIKES("likes"), COMMENTS("comments");

		private final String tag;

		Kind(String tag) {
			this.tag = tag;
		}

	}

	private static final long SEEN_TTL_SECONDS = 8 * 24 * 3600;

	/**
	 * KEYS: seen marker, bucket, then per window its ranking and its rolled mark. ARGV: post id,
	 * delta, bucket number, bucket expiry (unix s), marker TTL (s).
	 */
	private static final String RECORD = """
			if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[5]) then
			  return 0
			end
			redis.call('ZINCRBY', KEYS[2], ARGV[2], ARGV[1])
			redis.call('EXPIREAT', KEYS[2], ARGV[4])
			local bucket = tonumber(ARGV[3])
			for i = 3, #KEYS, 2 do
			  local rolled = redis.call('GET', KEYS[i + 1])
			  if (not rolled) or bucket > tonumber(rolled) then
			    redis.call('ZINCRBY', KEYS[i], ARGV[2], ARGV[1])
			  end
			end
			return 1
			""";

	/**
	 * KEYS: ranking, rolled mark. ARGV: newest bucket to subtract (cutoff), bucket key prefix,
	 * furthest look-back in buckets. Subtracts every bucket after the rolled mark up to the cutoff,
	 * drops non-positive entries, moves the mark.
	 */
	private static final String ROLL = """
			local cutoff = tonumber(ARGV[1])
			local lookback = tonumber(ARGV[3])
			local rolled = redis.call('GET', KEYS[2])
			local from = cutoff - lookback
			if rolled and tonumber(rolled) + 1 > from then
			  from = tonumber(rolled) + 1
			end
			if from > cutoff then
			  return 0
			end
			for b = from, cutoff do
			  if redis.call('EXISTS', ARGV[2] .. b) == 1 then
			    redis.call('ZUNIONSTORE', KEYS[1], 2, KEYS[1], ARGV[2] .. b, 'WEIGHTS', 1, -1)
			  end
			end
			redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', 0)
			redis.call('SET', KEYS[2], cutoff)
			return cutoff - from + 1
			""";

	private final ReactiveStringRedisTemplate redis;

	private final String prefix;

	public Rankings(ReactiveStringRedisTemplate redis, String keyPrefix) {
		this.redis = redis;
		this.prefix = keyPrefix + "tl:rank:";
	}

	private String base(Kind kind) {
		return this.prefix + "{" + kind.tag + "}:";
	}

	public String ranking(Kind kind, Window window) {
		return base(kind) + "w:" + window.label();
	}

	/**
	 * Counts {@code delta} for {@code postId} at {@code at} (once per {@code eventId}). Activity
	 * older than the longest window is ignored.
	 */
	public Mono<Void> record(Kind kind, String postId, Instant at, long delta, String eventId, Instant now) {
		long bucket = Window.bucketOf(at.toEpochMilli());
		if (bucket <= Window.bucketOf(now.toEpochMilli()) - Window.longest().buckets()) {
			return Mono.empty();
		}
		String base = base(kind);
		List<String> keys = new ArrayList<>();
		keys.add(base + "seen:" + eventId);
		keys.add(base + "b:" + bucket);
		for (Window window : Window.values()) {
			keys.add(base + "w:" + window.label());
			keys.add(base + "rolled:" + window.label());
		}
		long expireAt = (bucket + 1) * Window.BUCKET.toSeconds() + Window.longest().buckets() * Window.BUCKET.toSeconds()
				+ 3600;
		return Lua.eval(this.redis, RECORD, keys, List.of(postId, Long.toString(delta), Long.toString(bucket), Long.toString(expireAt),
					Long.toString(SEEN_TTL_SECONDS)));
	}

	/** Subtracts the buckets that have left each window. Safe to run from every replica. */
	public Mono<Void> roll(Instant now) {
		long current = Window.bucketOf(now.toEpochMilli());
		return Flux.fromArray(Kind.values())
			.concatMap((kind) -> Flux.fromArray(Window.values()).concatMap((window) -> {
				String base = base(kind);
				long cutoff = current - window.buckets();
				return Lua.eval(this.redis, ROLL, List.of(base + "w:" + window.label(), base + "rolled:" + window.label()),
						List.of(Long.toString(cutoff), base + "b:", Long.toString(Window.longest().buckets() + 12)));
			}))
			.then();
	}

	/** An entry of a ranking. */
	public record Ranked(String postId, long score) {

		public RankPosition position() {
			return new RankPosition(this.score, this.postId);
		}

	}

	private static final Comparator<Ranked> ORDER = Comparator.comparingLong(Ranked::score)
		.thenComparing(Ranked::postId)
		.reversed();

	/**
	 * Up to {@code n} entries with a positive count, highest first (ties: higher id first),
	 * strictly after {@code after}: right after the cursor's entry if its score is unchanged,
	 * else after the cursor's (score, id) position.
	 */
	public Mono<List<Ranked>> page(Kind kind, Window window, @Nullable RankPosition after, int n) {
		String key = ranking(kind, window);
		var zset = this.redis.opsForZSet();
		Range<Double> positive = Range.of(Range.Bound.exclusive(0.0), Range.Bound.unbounded());
		if (after == null) {
			return ranked(zset.reverseRangeByScoreWithScores(key, positive, Limit.limit().count(n)));
		}
		Mono<Double> score = zset.score(key, after.id()).defaultIfEmpty(Double.NaN);
		Mono<Long> rank = zset.reverseRank(key, after.id()).defaultIfEmpty(-1L);
		return Mono.zip(score, rank).flatMap((current) -> {
			if (current.getT1() == after.score() && current.getT2() >= 0) {
				long from = current.getT2() + 1;
				return ranked(zset.reverseRangeWithScores(key, Range.closed(from, from + n - 1)))
					.map((list) -> list.stream().filter((r) -> r.score() > 0).toList());
			}
			double s = after.score();
			Mono<List<Ranked>> same = zset.rangeByScore(key, Range.closed(s, s))
				.filter((id) -> id.compareTo(after.id()) < 0)
				.map((id) -> new Ranked(id, after.score()))
				.collectList();
			Mono<List<Ranked>> lower = ranked(zset.reverseRangeByScoreWithScores(key,
					Range.of(Range.Bound.exclusive(0.0), Range.Bound.exclusive(s)), Limit.limit().count(n)));
			return Mono.zip(same, lower).map((both) -> {
				List<Ranked> out = new ArrayList<>(both.getT1());
				out.sort(ORDER);
				out.addAll(both.getT2());
				return (out.size() > n) ? List.copyOf(out.subList(0, n)) : out;
			});
		});
	}

	private static Mono<List<Ranked>> ranked(Flux<TypedTuple<String>> tuples) {
		return tuples.map((t) -> new Ranked(t.getValue(), t.getScore().longValue())).collectList();
	}

}
