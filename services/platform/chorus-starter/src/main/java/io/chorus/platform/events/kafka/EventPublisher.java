package io.chorus.platform.events.kafka;

import java.util.Map;

import io.chorus.platform.events.CloudEvent;
import io.chorus.platform.events.CloudEventCodec;
import io.chorus.platform.events.EventHeaders;
import io.chorus.platform.events.TraceparentSource;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.SenderRecord;

/**
 * Publishes straight to Kafka with an idempotent, acks=all producer, completing only when the
 * broker has the record. For events that have no database change to be atomic with (chat
 * messages, plays) and for dead letters and replay; a change to a relational aggregate goes
 * through the {@code Outbox} instead.
 */
public final class EventPublisher implements AutoCloseable {

	private final KafkaSender<String, byte[]> sender;

	private final CloudEventCodec codec;

	private final TraceparentSource traces;

	private final @Nullable TopicDeclarations topics;

	/** @param topics the topics {@link #publish} may write to; {@code null} for tools that only {@link #send} */
	public EventPublisher(KafkaClients clients, CloudEventCodec codec, TraceparentSource traces,
			@Nullable TopicDeclarations topics) {
		this.sender = KafkaSender.create(clients.senderOptions("publisher"));
		this.codec = codec;
		this.traces = traces;
		this.topics = topics;
	}

	/**
	 * Publishes {@code event} keyed by its subject, with the current {@code traceparent}, to a
	 * declared topic once the declared topics exist (so the broker never auto-creates one).
	 */
	public Mono<Void> publish(String topic, CloudEvent event) {
		if (this.topics == null || !this.topics.isDeclared(topic)) {
			return Mono.error(new IllegalArgumentException("Topic '" + topic + "' is not declared in chorus.kafka.topics"));
		}
		return this.topics.ready().then(this.traces.current())
			.map(traceparent -> Map.of(EventHeaders.TRACEPARENT, traceparent))
			.defaultIfEmpty(Map.of())
			.flatMap(headers -> send(EventRecords.record(topic, event.subject(), this.codec.encode(event), event.time(),
					headers)))
			.then();
	}

	/** Sends one ready-made record; fails if the broker does not acknowledge it. */
	public Mono<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
		return this.sender.send(Mono.just(SenderRecord.create(record, record.topic())))
			.single()
			.flatMap(result -> (result.exception() != null) ? Mono.error(result.exception())
					: Mono.just(result.recordMetadata()));
	}

	/** Blocks until the producer has flushed and closed: call from a shutdown hook, not an event loop. */
	@Override
	public void close() {
		this.sender.close();
	}

}
