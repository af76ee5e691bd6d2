package io.chorus.timeline.events;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.chorus.timeline.domain.Position;
import io.chorus.timeline.store.FollowStore;
import io.chorus.timeline.store.HomeFeeds;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Push side of the home feed: a post goes into the author's own feed and every follower's
 * ({@code concurrency} Redis calls in flight, pipelined on the shared connection; ZADD is
 * idempotent, so a re-applied event changes nothing).
 */
public class FanOut {

	private static final Logger log = LoggerFactory.getLogger(FanOut.class);

	private final FollowStore follows;

	private final HomeFeeds feeds;

	private final int concurrency;

	private final Timer timer;

	public FanOut(FollowStore follows, HomeFeeds feeds, int concurrency, MeterRegistry meters) {
		this.follows = follows;
		this.feeds = feeds;
		this.concurrency = concurrency;
		this.timer = Timer.builder("chorus.timeline.fanout")
			.description("Time to push one post into every follower's home feed")
			.register(meters);
	}

	/** A read-time author's post goes only into the author's own feed. */
	public Mono<Void> pushOwn(String authorId, Position post) {
		return this.feeds.add(authorId, List.of(post));
	}

	public Mono<Void> push(String authorId, Position post) {
		List<Position> entry = List.of(post);
		AtomicLong feedsWritten = new AtomicLong();
		return Mono.defer(() -> {
			long start = System.nanoTime();
			return Flux.concat(Flux.just(authorId), this.follows.followers(authorId))
				.flatMap((member) -> this.feeds.add(member, entry).doOnSuccess((v) -> feedsWritten.incrementAndGet()),
						this.concurrency)
				.then()
				.doOnSuccess((v) -> {
					long nanos = System.nanoTime() - start;
					this.timer.record(java.time.Duration.ofNanos(nanos));
					log.debug("Fanned out post {} to {} home feeds in {} ms", post.id(), feedsWritten.get(),
							nanos / 1_000_000);
				});
		});
	}

}
