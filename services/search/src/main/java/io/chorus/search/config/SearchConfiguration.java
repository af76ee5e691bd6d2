package io.chorus.search.config;

import java.time.Duration;

import io.chorus.platform.events.consumer.EventConsumer;
import io.chorus.platform.events.consumer.EventConsumers;
import io.chorus.search.domain.Searches;
import io.chorus.search.events.SearchProjection;
import io.chorus.search.store.SearchStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.util.retry.Retry;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/** Wires the index, the search service and the event consumer. */
@Configuration(proxyBeanMethods = false)
class SearchConfiguration {

	private static final Log log = LogFactory.getLog(SearchConfiguration.class);

	@Bean
	SearchStore searchStore(ReactiveMongoTemplate mongo, SearchProperties properties) {
		return new SearchStore(mongo, properties.prefixLength());
	}

	@Bean
	Searches searches(SearchStore store, SearchProperties properties) {
		return new Searches(store, properties.candidateLimit(), properties.suggestionCandidateLimit());
	}

	@Bean
	SearchProjection searchProjection(SearchStore store) {
		return new SearchProjection(store);
	}

	/** One group reading both topics; each topic gets its own dead-letter topic. */
	@Bean
	EventConsumer searchEvents(EventConsumers consumers, SearchProjection projection, SearchProperties properties) {
		return consumers.consume(properties.contentTopic(), properties.musicTopic())
			.group(properties.consumerGroup())
			.handler(projection::apply)
			.build();
	}

	/** Creates the indexes without blocking start-up; retried while MongoDB is unreachable. */
	@EventListener(ApplicationReadyEvent.class)
	void createIndexes(ApplicationReadyEvent event) {
		event.getApplicationContext()
			.getBean(SearchStore.class)
			.createIndexes()
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30))
				.doBeforeRetry((signal) -> log.warn("Cannot create search indexes yet: " + signal.failure())))
			.subscribe(null, (ex) -> log.error("Search indexes not created", ex));
	}

}
