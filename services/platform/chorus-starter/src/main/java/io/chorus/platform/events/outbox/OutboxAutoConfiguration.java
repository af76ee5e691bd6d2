package io.chorus.platform.events.outbox;

import io.chorus.platform.events.CloudEventCodec;
import io.chorus.platform.events.EventsAutoConfiguration;
import io.chorus.platform.events.TraceparentSource;
import io.chorus.platform.events.kafka.KafkaClients;
import io.chorus.platform.events.kafka.TopicDeclarations;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The transactional outbox, in services that have both R2DBC (a {@link DatabaseClient}) and Kafka
 * ({@code chorus.kafka.bootstrap-servers}). The table comes from the starter's Flyway migration
 * {@code db/chorus/V0_1__chorus_outbox.sql}.
 */
@AutoConfiguration(after = EventsAutoConfiguration.class,
		afterName = { "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
				"org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration" })
@ConditionalOnClass({ DatabaseClient.class, ConnectionFactory.class })
@ConditionalOnBean({ DatabaseClient.class, ConnectionFactory.class, KafkaClients.class })
@ConditionalOnProperty(name = "chorus.outbox.enabled", matchIfMissing = true)
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

	@Bean
	@ConditionalOnProperty(name = "chorus.outbox.relay-enabled", matchIfMissing = true)
	OutboxRelay outboxRelay(ConnectionFactory connectionFactory, DatabaseClient db, KafkaClients clients,
			TopicDeclarations topics, OutboxProperties properties, ObjectProvider<MeterRegistry> meters) {
		return new OutboxRelay(unpooled(connectionFactory), db, clients, topics, properties,
				meters.getIfAvailable(SimpleMeterRegistry::new));
	}

	@Bean
	@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
	@ConditionalOnAvailableEndpoint
	OutboxEndpoint outboxEndpoint(DatabaseClient db) {
		return new OutboxEndpoint(db);
	}

	@Bean
	Outbox outbox(DatabaseClient db, CloudEventCodec codec, TraceparentSource traces, TopicDeclarations topics,
			ObjectProvider<OutboxRelay> relay) {
		return new Outbox(db, codec, traces, topics::isDeclared, () -> relay.ifAvailable(OutboxRelay::wake));
	}

	/**
	 * The factory under the connection pool: the relay's lock connection must really close when
	 * the relay resigns (a pooled one would go back to the pool still holding the named lock).
	 */
	static ConnectionFactory unpooled(ConnectionFactory factory) {
		ConnectionFactory current = factory;
		for (int depth = 0; depth < 5 && current instanceof Wrapped<?> wrapped
				&& wrapped.unwrap() instanceof ConnectionFactory inner; depth++) {
			current = inner;
		}
		return current;
	}

}
