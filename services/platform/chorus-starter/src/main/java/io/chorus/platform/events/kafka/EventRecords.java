package io.chorus.platform.events.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import io.chorus.platform.events.CloudEventCodec;
import io.chorus.platform.events.EventHeaders;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** The one way Chorus turns an encoded event into a Kafka record. */
public final class EventRecords {

	private EventRecords() {
	}

	/**
	 * @param key the aggregate id: the default partitioner hashes it, so one aggregate's events
	 * share a partition and keep their order
	 * @param time the event time, used as the record timestamp so that rewinding "from a time"
	 * means event time even for events that waited in the outbox
	 * @param headers extra headers such as {@code traceparent}
	 */
	public static ProducerRecord<String, byte[]> record(String topic, String key, byte[] event, Instant time,
			Map<String, String> headers) {
		RecordHeaders recordHeaders = new RecordHeaders();
		recordHeaders.add(EventHeaders.CONTENT_TYPE, utf8(CloudEventCodec.STRUCTURED_CONTENT_TYPE));
		headers.forEach((name, value) -> recordHeaders.add(name, utf8(value)));
		return new ProducerRecord<>(topic, null, time.toEpochMilli(), key, event, recordHeaders);
	}

	private static byte[] utf8(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

}
