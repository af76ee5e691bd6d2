package io.chorus.platform.events.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLettersTests {

	@Test
	void deadLetterIsTheOriginalRecordPlusErrorHeaders() {
		RecordHeaders headers = new RecordHeaders();
		headers.add("traceparent", bytes("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
		headers.add(DeadLetters.ATTEMPTS, bytes("3")); // from an earlier trip through a DLQ: replaced
		ConsumerRecord<String, byte[]> original = new ConsumerRecord<>("content.events", 2, 41L, 1_700_000_000_000L,
				TimestampType.CREATE_TIME, 0, 0, "post-1", bytes("{}"), headers, Optional.empty());
		Instant failedAt = Instant.parse("2026-11-22T10:00:00Z");

		ProducerRecord<String, byte[]> deadLetter = DeadLetters.record(original, "timeline",
				new IllegalStateException("boom"), 5, failedAt);

		assertThat(deadLetter.topic()).isEqualTo("content.events.timeline.dlq");
		assertThat(deadLetter.key()).isEqualTo("post-1");
		assertThat(deadLetter.value()).isEqualTo(bytes("{}"));
		// The producer stamps real time; the (possibly skewed) service clock only fills failed-at.
		assertThat(deadLetter.timestamp()).isNull();
		assertThat(DeadLetters.header(deadLetter.headers(), "traceparent")).startsWith("00-0af76519");
		assertThat(DeadLetters.header(deadLetter.headers(), DeadLetters.ERROR_CLASS))
			.isEqualTo("java.lang.IllegalStateException");
		assertThat(DeadLetters.header(deadLetter.headers(), DeadLetters.ERROR_MESSAGE)).isEqualTo("boom");
		assertThat(deadLetter.headers().headers(DeadLetters.ATTEMPTS)).hasSize(1);
		assertThat(DeadLetters.header(deadLetter.headers(), DeadLetters.ATTEMPTS)).isEqualTo("5");
		assertThat(DeadLetters.header(deadLetter.headers(), DeadLetters.ORIGINAL_TOPIC)).isEqualTo("content.events");
		assertThat(DeadLetters.header(deadLetter.headers(), DeadLetters.ORIGINAL_PARTITION)).isEqualTo("2");
		assertThat(DeadLetters.header(deadLetter.headers(), DeadLetters.ORIGINAL_OFFSET)).isEqualTo("41");
		assertThat(DeadLetters.header(deadLetter.headers(), DeadLetters.ORIGINAL_TIMESTAMP)).isEqualTo("1700000000000");
		assertThat(DeadLetters.header(deadLetter.headers(), DeadLetters.GROUP)).isEqualTo("timeline");
		assertThat(DeadLetters.header(deadLetter.headers(), DeadLetters.FAILED_AT)).isEqualTo("2026-11-22T10:00:00Z");
	}

	@Test
	void longMessagesAreTruncatedWithoutBreakingCharacters() {
		String emoji = "\uD83C\uDFB5"; // one code point, two UTF-16 units
		String message = "x".repeat(DeadLetters.MAX_MESSAGE_CHARS - 2) + emoji + "tail";

		String truncated = DeadLetters.truncate(message);

		assertThat(truncated).hasSizeLessThanOrEqualTo(DeadLetters.MAX_MESSAGE_CHARS).endsWith("…");
		assertThat(Character.isHighSurrogate(truncated.charAt(truncated.length() - 2))).isFalse();
		assertThat(DeadLetters.truncate("short")).isEqualTo("short");
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
