package io.chorus.activity.testing;

import io.chorus.platform.passport.Roles;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.time.Duration;
import java.util.function.Predicate;

import io.chorus.platform.events.CloudEvent;
import io.chorus.platform.events.CloudEventCodec;
import io.chorus.platform.events.CloudEventFactory;
import io.chorus.platform.events.EventHeaders;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes CloudEvents the way the producing services do (structured JSON, key = subject,
 * record timestamp = event time), built with the starter's factory and codec, with the payloads
 * of {@code docs/events.md}.
 */
public final class Events implements AutoCloseable {

	private final CloudEventFactory factory;

	private final CloudEventCodec codec;

	private final String bootstrapServers;

	private final KafkaProducer<String, byte[]> producer;

	public final String memberTopic;

	public final String contentTopic;

	public final String musicTopic;

	public final String chatTopic;

	public Events(CloudEventFactory factory, CloudEventCodec codec, String bootstrapServers, String memberTopic,
			String contentTopic, String musicTopic, String chatTopic) {
		this.chatTopic = chatTopic;
		this.factory = factory;
		this.codec = codec;
		this.bootstrapServers = bootstrapServers;
		this.memberTopic = memberTopic;
		this.contentTopic = contentTopic;
		this.musicTopic = musicTopic;
		Properties props = new Properties();
		props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		props.put(ProducerConfig.ACKS_CONFIG, "all");
		props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
	}

	public CloudEvent event(String service, String entity, String verb, String subject, Map<String, ?> data) {
		return this.factory.create(CloudEvent.type(service, entity, verb), subject, data);
	}

	/** Sends and waits for the broker's acknowledgement (test thread). */
	public CloudEvent publish(String topic, CloudEvent event) {
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null, event.time().toEpochMilli(),
				event.subject(), this.codec.encode(event));
		record.headers().add(EventHeaders.CONTENT_TYPE, CloudEventCodec.STRUCTURED_CONTENT_TYPE.getBytes());
		try {
			this.producer.send(record).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException("publish failed", ex);
		}
		return event;
	}

	// member.events

	public CloudEvent registered(String memberId, String handle, String displayName) {
		return publish(this.memberTopic, event("member", "member", "registered", memberId, Map.of("memberId", memberId,
				"handle", handle, "displayName", displayName, "roles", List.of(Roles.MEMBER), "createdAt", now())));
	}

	public CloudEvent followed(String follower, String followee) {
		return publish(this.memberTopic, event("member", "member", "followed", follower,
				Map.of("followerId", follower, "followeeId", followee, "at", now())));
	}

	public CloudEvent unfollowed(String follower, String followee) {
		return publish(this.memberTopic, event("member", "member", "unfollowed", follower,
				Map.of("followerId", follower, "followeeId", followee, "at", now())));
	}

	public CloudEvent deactivated(String memberId, String handle) {
		return publish(this.memberTopic, event("member", "member", "deactivated", memberId,
				Map.of("memberId", memberId, "handle", handle, "at", now())));
	}

	// chat.messages

	public CloudEvent chatMessagePosted(String messageId, String roomId, String senderId, String body,
			List<String> offlineRecipients) {
		return publish(this.chatTopic, event("chat", "message", "posted", roomId,
				Map.of("messageId", messageId, "roomId", roomId, "seq", 1, "senderId", senderId, "body", body, "sentAt",
						now(), "offlineRecipients", offlineRecipients)));
	}

	// content.events

	public CloudEvent postCreated(String postId, String authorId, String text) {
		return publish(this.contentTopic, event("content", "post", "created", postId, Map.of("postId", postId,
				"authorId", authorId, "text", text, "imageIds", List.of(), "createdAt", now(), "version", 1)));
	}

	public CloudEvent postDeleted(String postId, String authorId) {
		return publish(this.contentTopic, event("content", "post", "deleted", postId,
				Map.of("postId", postId, "authorId", authorId, "deletedAt", now(), "version", 2)));
	}

	public CloudEvent postLiked(String postId, String postAuthorId, String memberId) {
		return publish(this.contentTopic, postLikedEvent(postId, postAuthorId, memberId));
	}

	public CloudEvent postLikedEvent(String postId, String postAuthorId, String memberId) {
		return event("content", "post", "liked", postId,
				Map.of("postId", postId, "postAuthorId", postAuthorId, "memberId", memberId, "at", now()));
	}

	public CloudEvent postUnliked(String postId, String postAuthorId, String memberId) {
		return publish(this.contentTopic, event("content", "post", "unliked", postId,
				Map.of("postId", postId, "postAuthorId", postAuthorId, "memberId", memberId, "at", now())));
	}

	public CloudEvent commentCreated(String commentId, String postId, String postAuthorId, String authorId,
			String parentId, String parentAuthorId, String text) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("commentId", commentId);
		data.put("postId", postId);
		data.put("postAuthorId", postAuthorId);
		data.put("authorId", authorId);
		if (parentId != null) {
			data.put("parentId", parentId);
			data.put("parentAuthorId", parentAuthorId);
		}
		data.put("text", text);
		data.put("createdAt", now());
		data.put("version", 1);
		return publish(this.contentTopic, event("content", "comment", "created", postId, data));
	}

	public CloudEvent commentDeleted(String commentId, String postId, String authorId) {
		return publish(this.contentTopic, event("content", "comment", "deleted", postId, Map.of("commentId", commentId,
				"postId", postId, "authorId", authorId, "deletedAt", now(), "version", 2)));
	}

	public CloudEvent commentLiked(String commentId, String postId, String commentAuthorId, String memberId) {
		return publish(this.contentTopic, event("content", "comment", "liked", postId, Map.of("commentId", commentId,
				"postId", postId, "commentAuthorId", commentAuthorId, "memberId", memberId, "at", now())));
	}

	// music.events

	public CloudEvent trackPublished(String trackId, String artistId, String ownerId, String title) {
		return publish(this.musicTopic,
				event("music", "track", "published", trackId,
						Map.of("trackId", trackId, "artistId", artistId, "artistName", "The Artist", "ownerId", ownerId,
								"title", title, "durationMs", 180000, "contentType", "audio/mpeg", "createdAt", now())));
	}

	/** The first record of {@code topic} (read from the beginning) matching {@code match}; fails after 30 s. */
	public ConsumerRecord<String, byte[]> find(String topic, Predicate<ConsumerRecord<String, byte[]>> match) {
		Properties props = new Properties();
		props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		props.put(ConsumerConfig.GROUP_ID_CONFIG, "activity-test-" + UUID.randomUUID());
		props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(topic));
			while (System.nanoTime() < deadline) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					if (match.test(record)) {
						return record;
					}
				}
			}
		}
		throw new AssertionError("no matching record on " + topic + " within 30 s");
	}

	private static String now() {
		return Instant.now().toString();
	}

	@Override
	public void close() {
		this.producer.close(Duration.ofSeconds(5));
	}

}
