package io.chorus.platform.events;

import io.chorus.platform.events.consumer.EventConsumers;
import io.chorus.platform.events.consumer.EventDeduplicator;
import io.chorus.platform.events.consumer.InMemoryEventDeduplicator;
import io.chorus.platform.events.consumer.RedisEventDeduplicator;
import io.chorus.platform.events.kafka.EventPublisher;
import io.chorus.platform.events.kafka.KafkaClients;
import io.chorus.platform.events.kafka.TopicDeclarations;
import io.chorus.platform.events.outbox.Outbox;
import io.chorus.platform.events.outbox.OutboxAutoConfiguration;
import io.chorus.platform.events.outbox.OutboxRelay;
import io.chorus.platform.events.replay.ReplayTool;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class EventsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EventsAutoConfiguration.class, OutboxAutoConfiguration.class))
		.withPropertyValues("spring.application.name=content");

	private final ApplicationContextRunner withKafka = this.runner
		.withPropertyValues("chorus.kafka.bootstrap-servers=127.0.0.1:1", "chorus.kafka.topics[content.events].partitions=3");

	@Test
	void envelopeBeansNeedNoKafka() {
		this.runner.run(context -> {
			assertThat(context).hasSingleBean(CloudEventCodec.class)
				.hasSingleBean(EventIds.class)
				.hasSingleBean(TraceparentSource.class)
				.doesNotHaveBean(KafkaClients.class)
				.doesNotHaveBean(EventConsumers.class)
				.doesNotHaveBean(Outbox.class);
			CloudEvent event = context.getBean(CloudEventFactory.class)
				.create(CloudEvent.type("content", "post", "created"), "post-1", new Post("post-1", "hello"));
			assertThat(event.source()).isEqualTo("/chorus/content");
			assertThat(event.data().get("title").stringValue()).isEqualTo("hello");
		});
	}

	@Test
	void kafkaBeansOnceBootstrapServersAreSet() {
		this.withKafka.run(context -> {
			assertThat(context).hasSingleBean(KafkaClients.class)
				.hasSingleBean(TopicDeclarations.class)
				.hasSingleBean(EventPublisher.class)
				.hasSingleBean(EventConsumers.class)
				.hasSingleBean(ReplayTool.class)
				.doesNotHaveBean(EventDeduplicator.class);
			assertThat(context.getBean(TopicDeclarations.class).isDeclared("content.events")).isTrue();
		});
	}

	@Test
	void noSilentInMemoryDedupe() {
		this.withKafka.run(context -> assertThatIllegalStateException()
			.isThrownBy(() -> context.getBean(EventConsumers.class)
				.consume("content.events")
				.group("timeline")
				.handler(event -> Mono.empty())
				.build())
			.withMessageContaining("spring-boot-starter-data-redis-reactive")
			.withMessageContaining("chorus.consumer.dedupe-store=in-memory"));
	}

	@Test
	void inMemoryDedupeOnlyWhenChosen() {
		this.withKafka.withPropertyValues("chorus.consumer.dedupe-store=in-memory")
			.run(context -> assertThat(context).hasSingleBean(InMemoryEventDeduplicator.class));
	}

	@Test
	void redisDedupeWhenReactiveRedisIsConfigured() {
		this.withKafka.withUserConfiguration(RedisConfiguration.class)
			.run(context -> assertThat(context).hasSingleBean(RedisEventDeduplicator.class));
	}

	@Test
	void outboxWithR2dbcAndKafka() {
		this.withKafka.withUserConfiguration(R2dbcConfiguration.class)
			.withPropertyValues("chorus.outbox.relay-enabled=false")
			.run(context -> assertThat(context).hasSingleBean(Outbox.class).doesNotHaveBean(OutboxRelay.class));
		this.withKafka.withUserConfiguration(R2dbcConfiguration.class)
			.withPropertyValues("chorus.outbox.lock-retry-interval=1h")
			.run(context -> assertThat(context).hasSingleBean(Outbox.class).hasSingleBean(OutboxRelay.class));
	}

	@Test
	void noOutboxWithoutR2dbcOrKafka() {
		this.withKafka.withClassLoader(new FilteredClassLoader(DatabaseClient.class))
			.run(context -> assertThat(context).doesNotHaveBean(Outbox.class).hasSingleBean(EventConsumers.class));
		this.runner.withUserConfiguration(R2dbcConfiguration.class)
			.run(context -> assertThat(context).doesNotHaveBean(Outbox.class));
	}

	record Post(String id, String title) {
	}

	@Configuration(proxyBeanMethods = false)
	static class R2dbcConfiguration {

		@Bean
		ConnectionFactory connectionFactory() {
			return ConnectionFactories.get("r2dbc:mysql://chorus:chorus@127.0.0.1:1/chorus");
		}

		@Bean
		DatabaseClient databaseClient(ConnectionFactory connectionFactory) {
			return DatabaseClient.create(connectionFactory);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RedisConfiguration {

		@Bean
		LettuceConnectionFactory redisConnectionFactory() {
			return new LettuceConnectionFactory("127.0.0.1", 1);
		}

	}

}
