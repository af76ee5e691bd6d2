package io.chorus.content.config;

import java.time.Clock;

import io.chorus.content.domain.Comments;
import io.chorus.content.domain.Posts;
import io.chorus.content.domain.Transactions;
import io.chorus.content.events.ContentEvents;
import io.chorus.content.store.CommentStore;
import io.chorus.content.store.PostStore;
import io.chorus.platform.events.CloudEventFactory;
import io.chorus.platform.events.EventIds;
import io.chorus.platform.events.kafka.TopicDeclarations;
import io.chorus.platform.events.outbox.Outbox;
import tools.jackson.core.StreamReadFeature;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/** Wires the content domain. */
@Configuration(proxyBeanMethods = false)
class ContentConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	/**
	 * {@code {"text":"a","text":"b"}} is refused (400, not well-formed) instead of silently
	 * keeping the last value: what a proxy or a log shows must be what is stored.
	 */
	@Bean
	JsonMapperBuilderCustomizer strictDuplicateKeys() {
		return (builder) -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
	}

	@Bean
	TransactionalOperator transactionalOperator(ReactiveTransactionManager transactionManager) {
		return TransactionalOperator.create(transactionManager);
	}

	@Bean
	Transactions transactions(TransactionalOperator tx, ContentProperties properties) {
		return new Transactions(tx, properties.deadlockRetries(), properties.deadlockBackoff());
	}

	/** Fails the start when the topic is not declared: it would never be created. */
	@Bean
	ContentEvents contentEvents(Outbox outbox, CloudEventFactory factory, TopicDeclarations topics,
			ContentProperties properties) {
		if (!topics.isDeclared(properties.topic())) {
			throw new IllegalStateException("chorus.content.topic '" + properties.topic()
					+ "' is not declared: add chorus.kafka.topics[" + properties.topic() + "]");
		}
		return new ContentEvents(outbox, factory, properties.topic());
	}

	@Bean
	Posts posts(PostStore posts, ContentEvents events, Transactions tx, EventIds ids, Clock clock) {
		return new Posts(posts, events, tx, ids, clock);
	}

	@Bean
	Comments comments(Posts posts, PostStore postStore, CommentStore comments, ContentEvents events,
			Transactions tx, EventIds ids, Clock clock) {
		return new Comments(posts, postStore, comments, events, tx, ids, clock);
	}

}
