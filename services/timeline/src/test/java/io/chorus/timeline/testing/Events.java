package io.chorus.timeline.testing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.chorus.platform.events.CloudEvent;
import io.chorus.platform.events.CloudEventCodec;
import io.chorus.platform.events.CloudEventFactory;
import io.chorus.platform.events.EventIds;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays content and member: builds events exactly as docs/events.md describes them with the
 * starter's {@link CloudEventFactory} and publishes them with its {@link CloudEventCodec}
 * (key = subject).
 */
public final class Events implements AutoCloseable {

	public static final EventIds IDS = new EventIds();

	private final CloudEventFactory content = new CloudEventFactory("/chorus/content", IDS, Clock.systemUTC(),
			JsonMapper.shared());

	private final CloudEventFactory member = new CloudEventFactory("/chorus/member", IDS, Clock.systemUTC(),
			JsonMapper.shared());

	private final CloudEventCodec codec = new CloudEventCodec();

	private final KafkaProducer<String, byte[]> producer;

	private final String contentTopic;

	private final String memberTopic;

	Events(String bootstrapServers, String contentTopic, String memberTopic) {
		Properties props = new Properties();
		props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		props.put(ProducerConfig.ACKS_CONFIG, "all");
		props.put(ProducerConfig.LINGER_MS_CONFIG, "2");
		this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
		this.contentTopic = contentTopic;
		this.memberTopic = memberTopic;
	}

	public static String newId() {
		return IDS.nextId();
	}

	// member.events

	public CloudEvent registered(String memberId, String handle, String displayName) {
		return member("registered", memberId, data("memberId", memberId, "handle", handle, "displayName",
				displayName, "roles", List.of("USER"), "createdAt", Instant.now().toString()));
	}

	public CloudEvent profileUpdated(String memberId, String handle, String displayName, @Nullable String avatarUrl) {
		return member("profile-updated", memberId, data("memberId", memberId, "handle", handle, "displayName",
				displayName, "bio", null, "avatarUrl", avatarUrl, "changed", List.of("displayName")));
	}

	public CloudEvent followed(String followerId, String followeeId) {
		return member("followed", followerId,
				data("followerId", followerId, "followeeId", followeeId, "at", Instant.now().toString()));
	}

	public CloudEvent unfollowed(String followerId, String followeeId) {
		return member("unfollowed", followerId,
				data("followerId", followerId, "followeeId", followeeId, "at", Instant.now().toString()));
	}

	// content.events

	public CloudEvent postCreated(String postId, String authorId, String text, Instant createdAt) {
		return content("post", "created", postId, data("postId", postId, "authorId", authorId, "text", text,
				"trackId", null, "imageIds", List.of(), "createdAt", createdAt.toString(), "version", 1));
	}

	public CloudEvent postUpdated(String postId, String authorId, String text, long version) {
		return content("post", "updated", postId, data("postId", postId, "authorId", authorId, "text", text,
				"trackId", null, "imageIds", List.of(), "updatedAt", Instant.now().toString(), "version", version));
	}

	public CloudEvent postDeleted(String postId, String authorId, long version) {
		return content("post", "deleted", postId, data("postId", postId, "authorId", authorId, "deletedAt",
				Instant.now().toString(), "version", version));
	}

	public CloudEvent postLiked(String postId, String postAuthorId, String memberId) {
		return content("post", "liked", postId, data("postId", postId, "postAuthorId", postAuthorId, "memberId",
				memberId, "at", Instant.now().toString()));
	}

	public CloudEvent postUnliked(String postId, String postAuthorId, String memberId) {
		return content("post", "unliked", postId, data("postId", postId, "postAuthorId", postAuthorId, "memberId",
				memberId, "at", Instant.now().toString()));
	}

	public CloudEvent commentCreated(String commentId, String postId, String postAuthorId, String authorId,
			@Nullable String parentId, String text) {
		return content("comment", "created", postId, data("commentId", commentId, "postId", postId, "postAuthorId",
				postAuthorId, "authorId", authorId, "parentId", parentId, "parentAuthorId",
				(parentId != null) ? postAuthorId : null, "text", text, "createdAt", Instant.now().toString(),
				"version", 1));
	}

	public CloudEvent commentDeleted(String commentId, String postId, String authorId, @Nullable String parentId) {
		return content("comment", "deleted", postId, data("commentId", commentId, "postId", postId, "authorId",
				authorId, "parentId", parentId, "deletedAt", Instant.now().toString(), "version", 2));
	}

	private CloudEvent member(String verb, String subject, Map<String, @Nullable Object> data) {
		CloudEvent event = this.member.create(CloudEvent.type("member", "member", verb), subject, data);
		send(this.memberTopic, event);
		return event;
	}

	private CloudEvent content(String entity, String verb, String subject, Map<String, @Nullable Object> data) {
		CloudEvent event = this.content.create(CloudEvent.type("content", entity, verb), subject, data);
		send(this.contentTopic, event);
		return event;
	}

	/** Sends an event again (a redelivered duplicate: same id, same bytes). */
	public void resend(CloudEvent event) {
		send(event.source().equals("/chorus/member") ? this.memberTopic : this.contentTopic, event);
	}

	/** Waits until everything sent so far is acknowledged. */
	public void flush() {
		this.producer.flush();
	}

	/** Asynchronous; per-key order is kept (idempotent producer). {@link #flush()} waits. */
	private void send(String topic, CloudEvent event) {
		this.producer.send(record(topic, event));
	}

	private ProducerRecord<String, byte[]> record(String topic, CloudEvent event) {
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null, event.time().toEpochMilli(),
				event.subject(), this.codec.encode(event));
		record.headers()
			.add("content-type", CloudEventCodec.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
		return record;
	}

	private static Map<String, @Nullable Object> data(@Nullable Object... pairs) {
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put((String) pairs[i], pairs[i + 1]);
		}
		return map;
	}

	@Override
	public void close() {
		this.producer.close();
	}

}
