package io.chorus.timeline.config;

import java.time.Clock;

import com.mongodb.ConnectionString;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.chorus.platform.events.consumer.EventConsumer;
import io.chorus.platform.events.consumer.EventConsumers;
import io.chorus.timeline.domain.Timelines;
import io.chorus.timeline.events.ContentProjection;
import io.chorus.timeline.events.FanOut;
import io.chorus.timeline.events.MemberProjection;
import io.chorus.timeline.store.CommentStore;
import io.chorus.timeline.store.FollowStore;
import io.chorus.timeline.store.HomeFeeds;
import io.chorus.timeline.store.LikeStore;
import io.chorus.timeline.store.MemberStore;
import io.chorus.timeline.store.PostStore;
import io.chorus.timeline.store.Rankings;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/** Wires the read models, the projections and their consumers. */
@Configuration(proxyBeanMethods = false)
class TimelineConfiguration {

	private static final Logger log = LoggerFactory.getLogger(TimelineConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	/** The database named in {@code spring.mongodb.uri} ({@code timeline} when it names none). */
	@Bean
	MongoDatabase timelineDatabase(MongoClient client, @Value("${spring.mongodb.uri}") String uri) {
		String name = new ConnectionString(uri).getDatabase();
		return client.getDatabase((name != null && !name.isBlank()) ? name : "timeline");
	}

	@Bean
	PostStore postStore(MongoDatabase timelineDatabase) {
		return new PostStore(timelineDatabase);
	}

	@Bean
	CommentStore commentStore(MongoDatabase timelineDatabase) {
		return new CommentStore(timelineDatabase);
	}

	@Bean
	LikeStore likeStore(MongoDatabase timelineDatabase) {
		return new LikeStore(timelineDatabase);
	}

	@Bean
	FollowStore followStore(MongoDatabase timelineDatabase) {
		return new FollowStore(timelineDatabase);
	}

	@Bean
	MemberStore memberStore(MongoDatabase timelineDatabase) {
		return new MemberStore(timelineDatabase);
	}

	@Bean
	HomeFeeds homeFeeds(ReactiveStringRedisTemplate redis, @Value("${chorus.redis.key-prefix:}") String keyPrefix,
			TimelineProperties properties) {
		return new HomeFeeds(redis, keyPrefix, properties.homeCap());
	}

	@Bean
	Rankings rankings(ReactiveStringRedisTemplate redis, @Value("${chorus.redis.key-prefix:}") String keyPrefix) {
		return new Rankings(redis, keyPrefix);
	}

	@Bean
	FanOut fanOut(FollowStore follows, HomeFeeds feeds, TimelineProperties properties, MeterRegistry meters) {
		return new FanOut(follows, feeds, properties.fanOutConcurrency(), meters);
	}

	@Bean
	Timelines timelines(PostStore posts, CommentStore comments, LikeStore likes, FollowStore follows,
			HomeFeeds feeds, Rankings rankings) {
		return new Timelines(posts, comments, likes, follows, feeds, rankings);
	}

	@Bean
	ContentProjection contentProjection(PostStore posts, CommentStore comments, LikeStore likes, MemberStore members,
			FollowStore follows, FanOut fanOut, Rankings rankings, TimelineProperties properties, Clock clock) {
		return new ContentProjection(posts, comments, likes, members, follows, fanOut, rankings,
				properties.fanOutThreshold(), clock);
	}

	@Bean
	MemberProjection memberProjection(MemberStore members, FollowStore follows, PostStore posts,
			CommentStore comments, HomeFeeds feeds, TimelineProperties properties) {
		return new MemberProjection(members, follows, posts, comments, feeds, properties.backfill(),
				properties.homeCap());
	}

	/**
	 * One consumer (one group) for both topics: two consumers sharing a group id but subscribing to
	 * different topics make every start a double rebalance.
	 */
	@Bean
	EventConsumer timelineEvents(EventConsumers consumers, ContentProjection content, MemberProjection member,
			TimelineProperties properties) {
		return consumers.consume(properties.contentTopic(), properties.memberTopic())
			.group(properties.group())
			.handler((event) -> (Mono.fromRunnable(() -> log.debug("Applying {} {}", event.type(), event.id())).then(event.type().startsWith("chorus.member.") ? member.apply(event) : content.apply(event)))
				.doOnSuccess((v) -> log.debug("Applied {}", event.id()))
				.doOnError((ex) -> log.warn("Applying {} {} failed: {}", event.type(), event.id(), ex.toString())))
			.build();
	}

	@Bean
	ReadModelMaintenance readModelMaintenance(MongoDatabase timelineDatabase, Rankings rankings,
			TimelineProperties properties, Clock clock) {
		return new ReadModelMaintenance(timelineDatabase, rankings, properties.popularRoll(), clock);
	}

}
