package io.chorus.chart.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.chorus.chart.domain.Period;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Redis access of the chart service. Every operation is one Lua script, so each is one round
 * trip and atomic (see {@code resources/scripts}).
 */
public final class ChartStore {

	private final ReactiveStringRedisTemplate redis;

	private final ChartKeys keys;

	private final ChartScripts scripts = new ChartScripts();

	private final JsonMapper json = JsonMapper.shared();

	public ChartStore(ReactiveStringRedisTemplate redis, ChartKeys keys) {
		this.redis = redis;
		this.keys = keys;
	}

	public ChartKeys keys() {
		return this.keys;
	}

	/** A live period key to count a play in, and the TTL to give it. */
	public record Target(Period.Window window, Duration ttl) {
	}

	/** @return 1 counted, 0 already counted, 2 track deleted */
	public Mono<Long> recordPlay(String eventId, String trackId, List<Target> targets, Duration markerTtl) {
		List<String> keyList = new ArrayList<>();
		List<String> args = new ArrayList<>();
		keyList.add(this.keys.played(eventId));
		keyList.add(this.keys.track(trackId));
		args.add(trackId);
		args.add(Long.toString(markerTtl.toMillis()));
		for (Target target : targets) {
			keyList.add(this.keys.live(target.window()));
			args.add(Long.toString(Math.max(1, target.ttl().toMillis())));
		}
		return single(this.scripts.play, keyList, args);
	}

	public Mono<Long> upsertTrack(String trackId, long eventTimeMs, String title, String artistId, String artistName,
			@Nullable String coverImageId) {
		return single(this.scripts.track,
				List.of(this.keys.track(trackId), this.keys.artistTracks(artistId), this.keys.artist(artistId)),
				List.of(trackId, Long.toString(eventTimeMs), title, artistId, artistName,
						(coverImageId != null) ? coverImageId : "", this.keys.artistTracksPrefix()));
	}

	public Mono<Long> deleteTrack(String trackId, String artistId, long eventTimeMs, List<Period.Window> liveWindows) {
		List<String> keyList = new ArrayList<>();
		keyList.add(this.keys.track(trackId));
		keyList.add(this.keys.artistTracks(artistId));
		liveWindows.forEach(window -> keyList.add(this.keys.live(window)));
		return single(this.scripts.trackDeleted, keyList, List.of(trackId, Long.toString(eventTimeMs)));
	}

	public Mono<Long> upsertArtist(String artistId, long eventTimeMs, @Nullable String name, boolean deleted) {
		return single(this.scripts.artist, List.of(this.keys.artist(artistId), this.keys.artistTracks(artistId)),
				List.of(Long.toString(eventTimeMs), (name != null) ? name : "", this.keys.trackPrefix(),
						deleted ? "1" : "0"));
	}

	/** @return true when the period has a snapshot (made now or before) */
	public Mono<Boolean> snapshot(Period.Window window, int size) {
		return single(this.scripts.snapshot, List.of(this.keys.live(window), this.keys.snapshot(window)),
				List.of(Integer.toString(size)))
			.map(result -> result == 1L);
	}

	/** One round trip: top {@code limit} of {@code current} with previous ranks and metadata. */
	public Mono<RawChart> read(Period.Window current, boolean currentFinal, Period.Window previous,
			boolean previousFinal, int limit, int snapshotSize) {
		List<String> keyList = List.of(this.keys.live(current), this.keys.snapshot(current),
				this.keys.live(previous), this.keys.snapshot(previous));
		List<String> args = List.of(Integer.toString(limit), currentFinal ? "1" : "0", previousFinal ? "1" : "0",
				Integer.toString(snapshotSize), this.keys.trackPrefix());
		return this.redis.execute(this.scripts.chart, keyList, args).single().map(this::parse);
	}

	/**
	 * The first {@code limit} items of a rendered page, with its meta, prefix and suffix: one
	 * {@code LRANGE}. Empty when the period was never rendered (or its page expired).
	 */
	public Mono<List<String>> readPage(Period.Window window, int limit) {
		return this.redis.opsForList().range(this.keys.page(window), 0, limit + 2L).collectList();
	}

	/** Stores a rendered page unless a newer one is there; {@code ttl} zero keeps it forever. */
	public Mono<Boolean> writePage(Period.Window window, long renderedAtMillis, Duration ttl, List<String> elements) {
		List<String> args = new ArrayList<>(elements.size() + 2);
		args.add(Long.toString(renderedAtMillis));
		args.add(Long.toString(Math.max(0, ttl.toMillis())));
		args.addAll(elements);
		return single(this.scripts.page, List.of(this.keys.page(window)), args).map((written) -> written == 1L);
	}

	private RawChart parse(String body) {
		JsonNode root = this.json.readTree(body);
		List<RawItem> items = new ArrayList<>();
		JsonNode list = root.path("items");
		if (list.isArray()) {
			for (JsonNode row : list) {
				long previous = row.get(2).asLong();
				items.add(new RawItem(row.get(0).asString(), (long) Double.parseDouble(row.get(1).asString()),
						(previous < 0) ? null : (int) previous + 1, text(row.get(3)), text(row.get(4)),
						text(row.get(5)), text(row.get(6))));
			}
		}
		return new RawChart("snapshot".equals(root.path("source").asString()), items);
	}

	private static @Nullable String text(@Nullable JsonNode node) {
		return (node != null && node.isString()) ? node.asString() : null;
	}

	private Mono<Long> single(org.springframework.data.redis.core.script.RedisScript<Long> script, List<String> keyList,
			List<String> args) {
		return this.redis.execute(script, keyList, args).single();
	}

	/** The chart as the script returned it. */
	public record RawChart(boolean fromSnapshot, List<RawItem> items) {
	}

	/** @param previousRank 1-based rank in the previous period, {@code null} when not ranked there */
	public record RawItem(String trackId, long plays, @Nullable Integer previousRank, @Nullable String title,
			@Nullable String artistId, @Nullable String artistName, @Nullable String coverImageId) {
	}

}
