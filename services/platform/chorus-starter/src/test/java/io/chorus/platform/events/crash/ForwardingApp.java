package io.chorus.platform.events.crash;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.chorus.platform.events.CloudEvent;
import io.chorus.platform.events.CloudEventFactory;
import io.chorus.platform.events.consumer.EventConsumer;
import io.chorus.platform.events.consumer.EventConsumers;
import io.chorus.platform.events.outbox.Outbox;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * A service in miniature, run as its own process by {@link KilledProcessIntegrationTests} so the
 * test can SIGKILL it: consumes {@code in}, and for each event, in one transaction, records it as
 * applied, adds its amount to a total (only if not applied before: the idempotent-effect pattern
 * every Chorus projection uses) and appends a forwarded event to the outbox, which the relay
 * publishes to {@code out}. Each apply takes a little while, so a kill lands mid-stream.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class ForwardingApp {

	public static void main(String[] args) throws InterruptedException {
		SpringApplication.run(ForwardingApp.class, args);
		new CountDownLatch(1).await(); // until killed
	}

	@Bean
	EventConsumer forwarder(EventConsumers consumers, DatabaseClient db, TransactionalOperator tx, Outbox outbox,
			CloudEventFactory events, @Value("${crash.in}") String in, @Value("${crash.out}") String out,
			@Value("${crash.group}") String group) {
		return consumers.consume(in).group(group).handler((event) -> {
			Mono<Void> apply = db.sql("INSERT IGNORE INTO crash_applied (event_id) VALUES (:id)")
				.bind("id", event.id())
				.fetch()
				.rowsUpdated()
				.flatMap((inserted) -> (inserted == 0) ? Mono.<Void>empty()
						: db.sql("UPDATE crash_total SET n = n + :amount WHERE id = 1")
							.bind("amount", event.data().get("amount").asLong())
							.then()
							.then(outbox.append(out, events.create(CloudEvent.type("crash", "event", "forwarded"),
									event.subject(), Map.of("source", event.id())))));
			return Mono.delay(Duration.ofMillis(15)).then(tx.transactional(apply));
		}).build();
	}

}
