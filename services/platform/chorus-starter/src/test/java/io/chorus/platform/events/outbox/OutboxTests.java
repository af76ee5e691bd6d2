package io.chorus.platform.events.outbox;

import java.time.Instant;

import io.chorus.platform.events.CloudEvent;
import io.chorus.platform.events.CloudEventCodec;
import io.chorus.platform.events.TraceparentSource;
import io.r2dbc.spi.ConnectionFactories;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.test.StepVerifier;
import tools.jackson.databind.node.JsonNodeFactory;

/** The guards that run before any SQL; the writes themselves are proven against MariaDB. */
class OutboxTests {

	private final Outbox outbox = new Outbox(
			DatabaseClient.create(ConnectionFactories.get("r2dbc:mysql://chorus:chorus@127.0.0.1:1/chorus")),
			new CloudEventCodec(), TraceparentSource.CONTEXT_ONLY, "content.events"::equals, () -> {
			});

	private final CloudEvent event = CloudEvent.of("0190f1b4-6a2c-7c3d-8e4f-123456789abc",
			CloudEvent.type("content", "post", "created"), "/chorus/content", "post-1", Instant.now(),
			JsonNodeFactory.instance.objectNode());

	@Test
	void refusesToWriteOutsideATransaction() {
		StepVerifier.create(this.outbox.append("content.events", this.event))
			.expectErrorSatisfies(ex -> org.assertj.core.api.Assertions.assertThat(ex)
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("inside the caller's transaction"))
			.verify();
	}

	@Test
	void refusesUndeclaredTopics() {
		StepVerifier.create(this.outbox.append("content-2026-11-22", this.event))
			.expectErrorSatisfies(ex -> org.assertj.core.api.Assertions.assertThat(ex)
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("chorus.kafka.topics[content-2026-11-22]"))
			.verify();
	}

}
