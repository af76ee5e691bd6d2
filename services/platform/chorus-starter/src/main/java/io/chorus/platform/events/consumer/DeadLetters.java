package io.chorus.platform.events.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;

/**
 * Dead-letter topic names and headers. A dead letter is the original record (same key, value and
 * headers) plus {@code chorus-dlq-*} headers saying what went wrong, where it came from and how
 * often it was tried. Replay strips those headers and publishes the rest unchanged.
 */
public final class DeadLetters {

	public static final String HEADER_PREFIX = "chorus-dlq-";

	public static final String ERROR_CLASS = HEADER_PREFIX + "error-class";

	/** Truncated to {@value #MAX_MESSAGE_CHARS} characters. */
	public static final String ERROR_MESSAGE = HEADER_PREFIX + "error-message";

	/** Handler attempts; 0 when the record could not even be decoded. */
	public static final String ATTEMPTS = HEADER_PREFIX + "attempts";

	public static final String ORIGINAL_TOPIC = HEADER_PREFIX + "original-topic";

	public static final String ORIGINAL_PARTITION = HEADER_PREFIX + "original-partition";

	public static final String ORIGINAL_OFFSET = HEADER_PREFIX + "original-offset";

	/** Epoch milliseconds of the original record; replay publishes with it again. */
	public static final String ORIGINAL_TIMESTAMP = HEADER_PREFIX + "original-timestamp";

	public static final String GROUP = HEADER_PREFIX + "group";

	/** ISO-8601 instant. */
	public static final String FAILED_AT = HEADER_PREFIX + "failed-at";

	static final int MAX_MESSAGE_CHARS = 1000;

	private DeadLetters() {
	}

	/** {@code <topic>.<group>.dlq}: one per consumed topic and group, so a replay affects one group. */
	public static String topic(String topic, String group) {
		return topic + "." + group + ".dlq";
	}

	static ProducerRecord<String, byte[]> record(ConsumerRecord<String, byte[]> original, String group, Throwable error,
			int attempts, Instant failedAt) {
		Headers headers = new RecordHeaders();
		for (Header header : original.headers()) {
			if (!header.key().startsWith(HEADER_PREFIX)) {
				headers.add(header);
			}
		}
		add(headers, ERROR_CLASS, error.getClass().getName());
		add(headers, ERROR_MESSAGE, truncate(String.valueOf(error.getMessage())));
		add(headers, ATTEMPTS, Integer.toString(attempts));
		add(headers, ORIGINAL_TOPIC, original.topic());
		add(headers, ORIGINAL_PARTITION, Integer.toString(original.partition()));
		add(headers, ORIGINAL_OFFSET, Long.toString(original.offset()));
		add(headers, ORIGINAL_TIMESTAMP, Long.toString(original.timestamp()));
		add(headers, GROUP, group);
		add(headers, FAILED_AT, failedAt.toString());
		// No record timestamp of our own: the producer stamps real time. The service clock (which
		// may be a test or a skewed clock) only goes into the failed-at header; a timestamp far
		// from the broker's time is refused by Kafka and would stall the partition's retries.
		return new ProducerRecord<>(topic(original.topic(), group), null, null, original.key(), original.value(),
				headers);
	}

	/** The last value of a header as text, or {@code null}. */
	public static @Nullable String header(Headers headers, String name) {
		Header header = headers.lastHeader(name);
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	static String truncate(String message) {
		if (message.length() <= MAX_MESSAGE_CHARS) {
			return message;
		}
		int end = MAX_MESSAGE_CHARS - 1;
		if (Character.isHighSurrogate(message.charAt(end - 1))) {
			end--; // never split a surrogate pair into invalid UTF-16
		}
		return message.substring(0, end) + "…";
	}

	private static void add(Headers headers, String name, String value) {
		headers.add(name, value.getBytes(StandardCharsets.UTF_8));
	}

}
