package io.chorus.chart.events;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.chorus.chart.domain.ChartPages;
import io.chorus.chart.domain.ChartRules;
import io.chorus.chart.domain.Period;
import io.chorus.chart.store.ChartStore;
import io.chorus.platform.events.CloudEvent;
import io.chorus.platform.events.consumer.EventRejectedException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Applies {@code music.events} (payloads as in {@code docs/events.md}) to the chart's Redis read
 * model. Plays count into the daily, ISO-weekly and monthly period of their {@code playedAt}
 * (UTC); track and artist events keep the metadata a chart row shows. Unknown types are ignored
 * (forward compatibility); a known type with an unusable payload is rejected (dead letter).
 */
public final class MusicEventsProjection {

	static final String TRACK_PLAYED = CloudEvent.type("music", "track", "played");

	static final String TRACK_PUBLISHED = CloudEvent.type("music", "track", "published");

	static final String TRACK_UPDATED = CloudEvent.type("music", "track", "updated");

	static final String TRACK_DELETED = CloudEvent.type("music", "track", "deleted");

	static final String ARTIST_PUBLISHED = CloudEvent.type("music", "artist", "published");

	static final String ARTIST_UPDATED = CloudEvent.type("music", "artist", "updated");

	static final String ARTIST_DELETED = CloudEvent.type("music", "artist", "deleted");

	private static final Logger log = LoggerFactory.getLogger(MusicEventsProjection.class);

	private final ChartStore store;

	private final ChartRules rules;

	private final Duration markerTtl;

	private final ChartPages pages;

	public MusicEventsProjection(ChartStore store, ChartRules rules, Duration markerTtl, ChartPages pages) {
		this.store = store;
		this.rules = rules;
		this.markerTtl = markerTtl;
		this.pages = pages;
	}

	public Mono<Void> apply(CloudEvent event) {
		return Mono.defer(() -> {
			String type = event.type();
			JsonNode data = event.data();
			long time = event.time().toEpochMilli();
			if (TRACK_PLAYED.equals(type)) {
				return played(event);
			}
			if (TRACK_PUBLISHED.equals(type) || TRACK_UPDATED.equals(type)) {
				return this.store
					.upsertTrack(required(data, "trackId"), time, required(data, "title"), required(data, "artistId"),
							required(data, "artistName"), optional(data, "coverImageId"))
					.then(Mono.fromRunnable(this::liveChartsChanged));
			}
			if (TRACK_DELETED.equals(type)) {
				Instant now = this.rules.now();
				List<Period.Window> live = new ArrayList<>();
				for (Period period : Period.values()) {
					live.addAll(this.rules.liveWindows(period, now));
				}
				return this.store.deleteTrack(required(data, "trackId"), required(data, "artistId"), time, live)
					.then(Mono.fromRunnable(this::liveChartsChanged));
			}
			if (ARTIST_PUBLISHED.equals(type) || ARTIST_UPDATED.equals(type)) {
				return this.store.upsertArtist(required(data, "artistId"), time, required(data, "name"), false)
					.then(Mono.fromRunnable(this::liveChartsChanged));
			}
			if (ARTIST_DELETED.equals(type)) {
				return this.store.upsertArtist(required(data, "artistId"), time, null, true)
					.then(Mono.fromRunnable(this::liveChartsChanged));
			}
			return Mono.empty();
		});
	}

	private Mono<Void> played(CloudEvent event) {
		String trackId = required(event.data(), "trackId");
		Instant playedAt = instant(event.data(), "playedAt");
		Instant now = this.rules.now();
		List<ChartStore.Target> targets = new ArrayList<>(3);
		for (Period period : Period.values()) {
			Period.Window window = period.containing(playedAt);
			Duration ttl = this.rules.liveTtl(window, now);
			if (ttl.isPositive()) {
				targets.add(new ChartStore.Target(window, ttl));
			}
		}
		if (targets.size() < Period.values().length) {
			log.info("Play {} of track {} at {} is older than some live charts; counted in {} of them", event.id(),
					trackId, playedAt, targets.size());
		}
		return this.store.recordPlay(event.id(), trackId, targets, this.markerTtl).doOnNext((counted) -> {
			if (counted == 1L) {
				// the period's own page, and the next one's deltas (a late play moves its ranks)
				targets.forEach((target) -> {
					this.pages.changed(target.window());
					this.pages.changed(target.window().next());
				});
			}
		}).then();
	}

	/** Metadata shows on every live page; closed periods keep what they showed when they closed. */
	private void liveChartsChanged() {
		Instant now = this.rules.now();
		for (Period period : Period.values()) {
			this.rules.liveWindows(period, now).forEach(this.pages::changed);
		}
	}

	private static String required(JsonNode data, String field) {
		String value = optional(data, field);
		if (value == null || value.isBlank()) {
			throw new EventRejectedException("data." + field + " is missing or not a string");
		}
		return value;
	}

	private static @Nullable String optional(JsonNode data, String field) {
		JsonNode node = data.path(field);
		return node.isString() ? node.asString() : null;
	}

	private static Instant instant(JsonNode data, String field) {
		try {
			return Instant.parse(required(data, field));
		}
		catch (DateTimeParseException ex) {
			throw new EventRejectedException("data." + field + " is not an ISO-8601 instant", ex);
		}
	}

}
