package io.chorus.search.events;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.chorus.platform.events.CloudEvent;
import io.chorus.platform.events.consumer.EventRejectedException;
import io.chorus.search.domain.Changes.ArtistPut;
import io.chorus.search.domain.Changes.Delete;
import io.chorus.search.domain.Changes.Order;
import io.chorus.search.domain.Changes.PostDelete;
import io.chorus.search.domain.Changes.PostPut;
import io.chorus.search.domain.Changes.TrackPut;
import io.chorus.search.domain.SearchType;
import io.chorus.search.store.SearchStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Applies {@code content.events} and {@code music.events} (payloads as in {@code docs/events.md})
 * to the index. Every effect is an idempotent, order-checked upsert (see {@link SearchStore}), so
 * a redelivered or stale event changes nothing. Unknown types (comments, likes, plays, future
 * events) are ignored; a known type with a payload missing a required field can never be applied
 * and is rejected straight to the dead-letter topic.
 */
public final class SearchProjection {

	static final String POST_CREATED = CloudEvent.type("content", "post", "created");

	static final String POST_UPDATED = CloudEvent.type("content", "post", "updated");

	static final String POST_DELETED = CloudEvent.type("content", "post", "deleted");

	static final String ARTIST_PUBLISHED = CloudEvent.type("music", "artist", "published");

	static final String ARTIST_UPDATED = CloudEvent.type("music", "artist", "updated");

	static final String ARTIST_DELETED = CloudEvent.type("music", "artist", "deleted");

	static final String TRACK_PUBLISHED = CloudEvent.type("music", "track", "published");

	static final String TRACK_UPDATED = CloudEvent.type("music", "track", "updated");

	static final String TRACK_DELETED = CloudEvent.type("music", "track", "deleted");

	private static final Log log = LogFactory.getLog(SearchProjection.class);

	private final SearchStore store;

	public SearchProjection(SearchStore store) {
		this.store = store;
	}

	public Mono<Void> apply(CloudEvent event) {
		return Mono.defer(() -> dispatch(event)).doOnNext((applied) -> {
			if (!applied && log.isDebugEnabled()) {
				log.debug("Dropped stale " + event.type() + " " + event.id() + " for " + event.subject());
			}
		}).then();
	}

	private Mono<Boolean> dispatch(CloudEvent event) {
		JsonNode data = event.data();
		String type = event.type();
		if (type.equals(POST_CREATED) || type.equals(POST_UPDATED)) {
			boolean created = type.equals(POST_CREATED);
			return this.store.put(new PostPut(text(data, "postId"), text(data, "authorId"), text(data, "text"),
					optionalText(data, "trackId"), texts(data, "imageIds"),
					created ? instant(data, "createdAt") : null,
					created ? instant(data, "createdAt") : instant(data, "updatedAt"), version(data)));
		}
		if (type.equals(POST_DELETED)) {
			return this.store.delete(new PostDelete(text(data, "postId"), instant(data, "deletedAt"), version(data)));
		}
		if (type.equals(ARTIST_PUBLISHED) || type.equals(ARTIST_UPDATED)) {
			boolean published = type.equals(ARTIST_PUBLISHED);
			String artistId = text(data, "artistId");
			String name = text(data, "name");
			Instant at = published ? instant(data, "createdAt") : instant(data, "updatedAt");
			Mono<Boolean> put = this.store.put(new ArtistPut(artistId, optionalText(data, "ownerId"), name,
					optionalText(data, "bio"), optionalText(data, "imageId"), published ? at : null,
					new Order(at, event.id())));
			if (published) {
				return put;
			}
			// Also when redelivered after a failure half-way through the tracks: the put is then a
			// no-op, but this event is still the artist's latest change, and renaming is idempotent.
			return put.flatMap((applied) -> this.store.isLatestArtistChange(artistId, event.id())
				.flatMap((latest) -> latest ? this.store.renameArtistInTracks(artistId, name).thenReturn(applied)
						: Mono.just(applied)));
		}
		if (type.equals(ARTIST_DELETED)) {
			return this.store.delete(SearchType.ARTISTS,
					new Delete(text(data, "artistId"), new Order(instant(data, "deletedAt"), event.id())));
		}
		if (type.equals(TRACK_PUBLISHED) || type.equals(TRACK_UPDATED)) {
			boolean published = type.equals(TRACK_PUBLISHED);
			Instant at = published ? instant(data, "createdAt") : instant(data, "updatedAt");
			return this.store.put(new TrackPut(text(data, "trackId"), text(data, "artistId"),
					text(data, "artistName"), text(data, "title"), number(data, "durationMs"),
					optionalText(data, "coverImageId"), published ? at : null, new Order(at, event.id())));
		}
		if (type.equals(TRACK_DELETED)) {
			return this.store.delete(SearchType.TRACKS,
					new Delete(text(data, "trackId"), new Order(instant(data, "deletedAt"), event.id())));
		}
		return Mono.just(true);
	}

	private static String text(JsonNode data, String field) {
		String value = optionalText(data, field);
		if (value == null || value.isBlank()) {
			throw new EventRejectedException("data." + field + " is required");
		}
		return value;
	}

	private static @Nullable String optionalText(JsonNode data, String field) {
		JsonNode value = data.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw new EventRejectedException("data." + field + " must be a string");
		}
		return value.asString();
	}

	private static List<String> texts(JsonNode data, String field) {
		JsonNode value = data.get(field);
		if (value == null || value.isNull()) {
			return List.of();
		}
		if (!value.isArray()) {
			throw new EventRejectedException("data." + field + " must be an array of strings");
		}
		List<String> values = new ArrayList<>();
		for (JsonNode element : value) {
			if (!element.isString()) {
				throw new EventRejectedException("data." + field + " must be an array of strings");
			}
			values.add(element.asString());
		}
		return values;
	}

	private static long version(JsonNode data) {
		return number(data, "version");
	}

	private static long number(JsonNode data, String field) {
		JsonNode value = data.get(field);
		if (value == null || !value.isIntegralNumber()) {
			throw new EventRejectedException("data." + field + " must be a whole number");
		}
		return value.asLong();
	}

	private static Instant instant(JsonNode data, String field) {
		String value = text(data, field);
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new EventRejectedException("data." + field + " must be an ISO-8601 instant", ex);
		}
	}

}
