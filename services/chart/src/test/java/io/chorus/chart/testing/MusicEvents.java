package io.chorus.chart.testing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import io.chorus.platform.events.CloudEvent;
import io.chorus.platform.events.CloudEventCodec;
import io.chorus.platform.events.CloudEventFactory;
import io.chorus.platform.events.EventIds;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Publishes {@code music.events} as music would (payloads as in {@code docs/events.md}): CloudEvents
 * built with the starter's factory, encoded with its codec, key = subject.
 */
public final class MusicEvents implements AutoCloseable {

	private final String topic;

	private final KafkaProducer<String, byte[]> producer;

	private final CloudEventFactory factory = new CloudEventFactory("/chorus/music", new EventIds(Clock.systemUTC()),
			Clock.systemUTC(), JsonMapper.shared());

	private final CloudEventCodec codec = new CloudEventCodec();

	public MusicEvents(String bootstrapServers, String topic) {
		this.topic = topic;
		this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
				ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer());
	}

	public CloudEvent played(String trackId, Instant playedAt) {
		ObjectNode data = JsonMapper.shared().createObjectNode();
		data.put("playId", "play-" + java.util.UUID.randomUUID());
		data.put("trackId", trackId);
		data.put("artistId", "artist-of-" + trackId);
		data.put("memberId", "m-1");
		data.put("playedAt", playedAt.toString());
		data.put("listenedMs", 31000);
		return this.factory.create(CloudEvent.type("music", "track", "played"), trackId, data);
	}

	public CloudEvent trackPublished(String trackId, String title, String artistId, String artistName,
			@Nullable String coverImageId) {
		ObjectNode data = JsonMapper.shared().createObjectNode();
		data.put("trackId", trackId);
		data.put("artistId", artistId);
		data.put("artistName", artistName);
		data.put("ownerId", "m-1");
		data.put("title", title);
		data.put("durationMs", 180000);
		data.put("contentType", "audio/mpeg");
		if (coverImageId != null) {
			data.put("coverImageId", coverImageId);
		}
		data.put("createdAt", Instant.now().toString());
		return this.factory.create(CloudEvent.type("music", "track", "published"), trackId, data);
	}

	public CloudEvent trackDeleted(String trackId, String artistId) {
		ObjectNode data = JsonMapper.shared().createObjectNode();
		data.put("trackId", trackId);
		data.put("artistId", artistId);
		data.put("deletedAt", Instant.now().toString());
		return this.factory.create(CloudEvent.type("music", "track", "deleted"), trackId, data);
	}

	public CloudEvent artistUpdated(String artistId, String name) {
		ObjectNode data = JsonMapper.shared().createObjectNode();
		data.put("artistId", artistId);
		data.put("ownerId", "m-1");
		data.put("name", name);
		data.put("updatedAt", Instant.now().toString());
		return this.factory.create(CloudEvent.type("music", "artist", "updated"), artistId, data);
	}

	public CloudEvent raw(String type, String subject, ObjectNode data) {
		return this.factory.create(type, subject, data);
	}

	/** Sends and waits for the broker's acknowledgement of all of them. */
	public void publish(CloudEvent... events) {
		publish(List.of(events));
	}

	public void publish(List<CloudEvent> events) {
		List<Future<RecordMetadata>> sent = new ArrayList<>();
		for (CloudEvent event : events) {
			sent.add(this.producer.send(new ProducerRecord<>(this.topic, null, event.time().toEpochMilli(),
					event.subject(), this.codec.encode(event))));
		}
		this.producer.flush();
		for (Future<RecordMetadata> future : sent) {
			try {
				future.get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			catch (ExecutionException ex) {
				throw new IllegalStateException(ex.getCause());
			}
		}
	}

	@Override
	public void close() {
		this.producer.close();
	}

}
