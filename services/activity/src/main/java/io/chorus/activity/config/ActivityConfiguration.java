package io.chorus.activity.config;

import java.time.Duration;

import io.chorus.activity.domain.Feeds;
import io.chorus.activity.events.ActivityEventHandler;
import io.chorus.activity.events.ConsumerControl;
import io.chorus.activity.store.EntryStore;
import io.chorus.platform.events.consumer.EventConsumer;
import io.chorus.platform.events.consumer.EventConsumers;
import io.chorus.platform.events.consumer.EventHandler;
import io.chorus.platform.events.replay.ReplayTool;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.util.retry.Retry;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/** Store, reads, the one consumer group over the three topics, and its operator controls. */
@Configuration(proxyBeanMethods = false)
class ActivityConfiguration {

	private static final Log log = LogFactory.getLog(ActivityConfiguration.class);

	@Bean
	EntryStore entryStore(ReactiveMongoTemplate mongo) {
		return new EntryStore(mongo);
	}

	/** Indexes are created in the background at start-up (idempotent), retried until Mongo answers. */
	@Bean
	ApplicationListener<ApplicationStartedEvent> activityIndexes(EntryStore store) {
		return event -> store.createIndexes()
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30))
				.doBeforeRetry(signal -> log.warn("Creating indexes failed, retrying: " + signal.failure())))
			.subscribe();
	}

	@Bean
	Feeds feeds(EntryStore store, ActivityProperties properties) {
		return new Feeds(store, properties.maxFollowees());
	}

	@Bean
	ActivityEventHandler activityEventHandler(EntryStore store) {
		return new ActivityEventHandler(store);
	}

	@Bean
	EventConsumer activityConsumer(EventConsumers consumers, ActivityProperties properties, EventHandler handler) {
		return consumers.consume(properties.topics().toArray(String[]::new))
			.group(properties.group())
			.handler(handler)
			.build();
	}

	@Bean
	ConsumerControl consumerControl(EventConsumer activityConsumer, ReplayTool replayTool,
			ActivityProperties properties) {
		return new ConsumerControl(activityConsumer, replayTool, properties.rewindTimeout());
	}

}
