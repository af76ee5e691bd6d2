package io.chorus.search.testing;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.chorus.platform.events.CloudEvent;
import io.chorus.platform.events.CloudEventCodec;
import io.chorus.platform.events.CloudEventFactory;
import io.chorus.platform.events.kafka.EventPublisher;
import io.chorus.platform.events.kafka.EventRecords;
import org.jspecify.annotations.Nullable;

/**
 * Publishes events exactly as content and music do (CloudEvents from the starter's factory and
 * codec, key = subject, record timestamp = event time), payloads as in {@code docs/events.md}.
 * Blocks the test thread until the broker acknowledges.
 */
public final class PublishedEvents {

	private final EventPublisher publisher;

	private final CloudEventFactory factory;

	private final CloudEventCodec codec;

	private final String contentTopic;

	private final String musicTopic;

	PublishedEvents(EventPublisher publisher, CloudEventFactory factory, CloudEventCodec codec, String contentTopic,
			String musicTopic) {
		this.publisher = publisher;
		this.factory = factory;
		this.codec = codec;
		this.contentTopic = contentTopic;
		this.musicTopic = musicTopic;
	}

	public CloudEvent postCreated(String postId, String text, Instant createdAt) {
		return content(CloudEvent.type("content", "post", "created"), postId,
				post(postId, text, null).with("createdAt", createdAt.toString()).with("version", 1));
	}

	public CloudEvent postUpdated(String postId, String text, Instant updatedAt, long version) {
		return content(CloudEvent.type("content", "post", "updated"), postId,
				post(postId, text, null).with("updatedAt", updatedAt.toString()).with("version", version));
	}

	public CloudEvent postDeleted(String postId, Instant deletedAt, long version) {
		return content(CloudEvent.type("content", "post", "deleted"), postId, new Data().with("postId", postId)
			.with("authorId", "m-" + postId)
			.with("deletedAt", deletedAt.toString())
			.with("version", version));
	}

	/** An event of a type search does not index (must simply be skipped). */
	public CloudEvent postLiked(String postId) {
		return content(CloudEvent.type("content", "post", "liked"), postId, new Data().with("postId", postId)
			.with("postAuthorId", "m-1")
			.with("memberId", "m-2")
			.with("at", Instant.now().toString()));
	}

	public CloudEvent artistPublished(String artistId, String name, Instant createdAt) {
		return music(CloudEvent.type("music", "artist", "published"), artistId,
				new Data().with("artistId", artistId)
					.with("ownerId", "m-owner")
					.with("name", name)
					.with("bio", null)
					.with("imageId", null)
					.with("createdAt", createdAt.toString()));
	}

	public CloudEvent artistUpdated(String artistId, String name, Instant updatedAt) {
		return music(CloudEvent.type("music", "artist", "updated"), artistId,
				new Data().with("artistId", artistId)
					.with("ownerId", "m-owner")
					.with("name", name)
					.with("updatedAt", updatedAt.toString()));
	}

	public CloudEvent artistDeleted(String artistId, Instant deletedAt) {
		return music(CloudEvent.type("music", "artist", "deleted"), artistId,
				new Data().with("artistId", artistId).with("deletedAt", deletedAt.toString()));
	}

	public CloudEvent trackPublished(String trackId, String artistId, String artistName, String title,
			Instant createdAt) {
		return music(CloudEvent.type("music", "track", "published"), trackId,
				new Data().with("trackId", trackId)
					.with("artistId", artistId)
					.with("artistName", artistName)
					.with("ownerId", "m-owner")
					.with("title", title)
					.with("durationMs", 215_000)
					.with("contentType", "audio/mpeg")
					.with("coverImageId", null)
					.with("createdAt", createdAt.toString()));
	}

	public CloudEvent trackUpdated(String trackId, String artistId, String artistName, String title,
			Instant updatedAt) {
		return music(CloudEvent.type("music", "track", "updated"), trackId,
				new Data().with("trackId", trackId)
					.with("artistId", artistId)
					.with("artistName", artistName)
					.with("title", title)
					.with("durationMs", 215_000)
					.with("updatedAt", updatedAt.toString()));
	}

	public CloudEvent trackDeleted(String trackId, String artistId, Instant deletedAt) {
		return music(CloudEvent.type("music", "track", "deleted"), trackId,
				new Data().with("trackId", trackId).with("artistId", artistId).with("deletedAt", deletedAt.toString()));
	}

	/** Sends {@code event} again, unchanged (a redelivery). */
	public void redeliver(CloudEvent event) {
		String topic = event.type().startsWith("chorus.content.") ? this.contentTopic : this.musicTopic;
		send(topic, event);
	}

	/** Any JSON-able value as {@code data}, for malformed payloads. */
	public CloudEvent raw(String topicKind, String type, String subject, Object data) {
		CloudEvent event = this.factory.create(type, subject, data);
		send("music".equals(topicKind) ? this.musicTopic : this.contentTopic, event);
		return event;
	}

	private Data post(String postId, String text, @Nullable String trackId) {
		return new Data().with("postId", postId)
			.with("authorId", "m-" + postId)
			.with("text", text)
			.with("trackId", trackId)
			.with("imageIds", List.of());
	}

	private CloudEvent content(String type, String subject, Data data) {
		CloudEvent event = this.factory.create(type, subject, data.values);
		send(this.contentTopic, event);
		return event;
	}

	private CloudEvent music(String type, String subject, Data data) {
		CloudEvent event = this.factory.create(type, subject, data.values);
		send(this.musicTopic, event);
		return event;
	}

	private void send(String topic, CloudEvent event) {
		this.publisher
			.send(EventRecords.record(topic, event.subject(), this.codec.encode(event), event.time(), Map.of()))
			.block();
	}

	/** A payload map that keeps explicit nulls (optional fields sent as null). */
	static final class Data {

		final Map<String, @Nullable Object> values = new HashMap<>();

		Data with(String key, @Nullable Object value) {
			this.values.put(key, value);
			return this;
		}

	}

}
