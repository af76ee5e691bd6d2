package io.chorus.platform.events;

import java.time.Clock;

import io.chorus.platform.events.consumer.ConsumerProperties;
import io.chorus.platform.events.consumer.EventConsumers;
import io.chorus.platform.events.consumer.EventDeduplicator;
import io.chorus.platform.events.consumer.InMemoryEventDeduplicator;
import io.chorus.platform.events.consumer.RedisEventDeduplicator;
import io.chorus.platform.events.kafka.ChorusKafkaProperties;
import io.chorus.platform.events.kafka.EventPublisher;
import io.chorus.platform.events.kafka.KafkaClients;
import io.chorus.platform.events.kafka.TopicDeclarations;
import io.chorus.platform.events.replay.EventReplayEndpoint;
import io.chorus.platform.events.replay.ReplayTool;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events for every Chorus service: envelope, ids and codec always; Kafka clients, topic
 * declarations, direct publishing, consumers and replay once {@code chorus.kafka.bootstrap-servers}
 * is set.
 *
 * <p>Dedupe store: Redis whenever reactive Redis is configured. There is deliberately no silent
 * in-memory fallback: it would dedupe per replica and forget on every restart, so duplicates would
 * be applied in production without anyone noticing. Without a store, building a consumer fails
 * at start-up with a message naming the two ways out (add Redis, or opt into
 * {@code chorus.consumer.dedupe-store=in-memory} for single-instance development).
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
		"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
		"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
		"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
		"org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration" })
@EnableConfigurationProperties({ ChorusKafkaProperties.class, ConsumerProperties.class })
public class EventsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CloudEventCodec cloudEventCodec() {
		return new CloudEventCodec();
	}

	@Bean
	@ConditionalOnMissingBean
	EventIds eventIds(ObjectProvider<Clock> clock) {
		return new EventIds(clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	@ConditionalOnMissingBean
	CloudEventFactory cloudEventFactory(ChorusKafkaProperties properties, EventIds ids, ObjectProvider<Clock> clock,
			ObjectProvider<JsonMapper> mapper, Environment environment) {
		String source = (properties.source() != null) ? properties.source()
				: "/chorus/" + environment.getProperty("spring.application.name", "unknown");
		return new CloudEventFactory(source, ids, clock.getIfAvailable(Clock::systemUTC),
				mapper.getIfAvailable(JsonMapper::shared));
	}

	@Bean
	@ConditionalOnMissingBean
	TraceparentSource traceparentSource(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		Tracer currentTracer = tracer.getIfAvailable();
		Propagator currentPropagator = propagator.getIfAvailable();
		return (currentTracer != null && currentPropagator != null)
				? new MicrometerTraceparentSource(currentTracer, currentPropagator) : TraceparentSource.CONTEXT_ONLY;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty("chorus.kafka.bootstrap-servers")
	static class KafkaConfiguration {

		@Bean(destroyMethod = "close")
		KafkaClients chorusKafkaClients(ChorusKafkaProperties properties, Environment environment,
				ObjectProvider<MeterRegistry> meters) {
			return new KafkaClients(properties, environment.getProperty("spring.application.name", "chorus"),
					meters.getIfAvailable());
		}

		/** Closed (with a bounded wait) by {@link KafkaClients#close()}. */
		@Bean(destroyMethod = "")
		Admin chorusKafkaAdmin(KafkaClients clients) {
			return clients.createAdmin();
		}

		@Bean
		TopicDeclarations topicDeclarations(Admin chorusKafkaAdmin, ChorusKafkaProperties properties) {
			return new TopicDeclarations(chorusKafkaAdmin, properties);
		}

		@Bean(destroyMethod = "close")
		EventPublisher eventPublisher(KafkaClients clients, CloudEventCodec codec, TraceparentSource traces,
				TopicDeclarations topics) {
			return new EventPublisher(clients, codec, traces, topics);
		}

		@Bean
		EventConsumers eventConsumers(KafkaClients clients, TopicDeclarations topics, EventPublisher publisher,
				CloudEventCodec codec, ObjectProvider<EventDeduplicator> dedupe, ConsumerProperties properties,
				ObjectProvider<MeterRegistry> meters, ObjectProvider<Clock> clock,
				ObjectProvider<ObservationRegistry> observations) {
			return new EventConsumers(clients, topics, publisher, codec, dedupe.getIfAvailable(), properties,
					meters.getIfAvailable(SimpleMeterRegistry::new), clock.getIfAvailable(Clock::systemUTC),
					observations.getIfAvailable(() -> ObservationRegistry.NOOP));
		}

		@Bean
		ReplayTool replayTool(KafkaClients clients, Admin chorusKafkaAdmin, EventPublisher publisher,
				ObjectProvider<EventDeduplicator> dedupe) {
			return new ReplayTool(clients, chorusKafkaAdmin, publisher, dedupe.getIfAvailable());
		}

		@Bean
		@ConditionalOnAvailableEndpoint
		EventReplayEndpoint eventReplayEndpoint(ReplayTool replay) {
			return new EventReplayEndpoint(replay);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ReactiveStringRedisTemplate.class)
	@ConditionalOnBean(ReactiveRedisConnectionFactory.class)
	@ConditionalOnProperty(name = "chorus.consumer.dedupe-store", havingValue = "redis", matchIfMissing = true)
	static class RedisDedupeConfiguration {

		@Bean
		@ConditionalOnMissingBean(EventDeduplicator.class)
		RedisEventDeduplicator redisEventDeduplicator(ReactiveRedisConnectionFactory redis, Environment environment) {
			return new RedisEventDeduplicator(new ReactiveStringRedisTemplate(redis),
					environment.getProperty("chorus.redis.key-prefix", ""));
		}

	}

	@Bean
	@ConditionalOnMissingBean(EventDeduplicator.class)
	@ConditionalOnProperty(name = "chorus.consumer.dedupe-store", havingValue = "in-memory")
	InMemoryEventDeduplicator inMemoryEventDeduplicator(ObjectProvider<Clock> clock) {
		return new InMemoryEventDeduplicator(clock.getIfAvailable(Clock::systemUTC));
	}

}
