package io.chorus.chart.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.chorus.chart.testing.IntegrationTestBase;
import io.chorus.platform.events.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Plays and metadata arriving on Kafka, counted into the right periods exactly once. */
class PlayCountingIntegrationTests extends IntegrationTestBase {

	@Test
	void playsAroundTheIsoYearBoundaryLandInWeek53OfTheWeekBasedYear() {
		// Five minutes into the next week: W53 is closed but not yet settled, so it is still live
		// and every play counts in its final ranking (after settling, a page render would freeze it).
		clock.set(Instant.parse("2027-01-04T00:05:00Z"));
		String track = "t-" + UUID.randomUUID();
		List<CloudEvent> plays = new ArrayList<>();
		// One play at the first and one at the last instant of each day 2026-12-28 .. 2027-01-03.
		for (int day = 0; day < 7; day++) {
			Instant start = Instant.parse("2026-12-28T00:00:00Z").plus(Duration.ofDays(day));
			plays.add(this.music.played(track, start));
			plays.add(this.music.played(track, start.plus(Duration.ofDays(1)).minusMillis(1)));
		}
		plays.add(this.music.played(track, Instant.parse("2027-01-04T00:00:00Z")));
		this.music.publish(plays);

		await("all 15 plays counted", () -> Long.valueOf(1).equals(plays("chart:weekly:2027-W01", track)));
		assertThat(plays("chart:weekly:2026-W53", track)).isEqualTo(14);
		assertThat(plays("chart:weekly:2027-W01", track)).isEqualTo(1);
		assertThat(plays("chart:weekly:2026-W01", track)).isNull();
		assertThat(plays("chart:weekly:2027-W53", track)).isNull();
		// Month and day ends by UTC date.
		assertThat(plays("chart:monthly:2026-12", track)).isEqualTo(8);
		assertThat(plays("chart:monthly:2027-01", track)).isEqualTo(7);
		assertThat(plays("chart:daily:2026-12-31", track)).isEqualTo(2);
		assertThat(plays("chart:daily:2027-01-01", track)).isEqualTo(2);
		assertThat(plays("chart:daily:2027-01-04", track)).isEqualTo(1);

		// The rendered page follows the counts within a render interval.
		await("the week's page shows them", () -> chart("/api/charts/weekly?date=2027-01-01&limit=5").path("items")
			.path(0).path("plays").asLong() == 14);
		JsonNode week = chart("/api/charts/weekly?date=2027-01-01&limit=5");
		assertThat(week.path("periodId").asString()).isEqualTo("2026-W53");
		assertThat(week.path("from").asString()).isEqualTo("2026-12-28");
		assertThat(week.path("to").asString()).isEqualTo("2027-01-03");
		assertThat(week.path("items").get(0).path("plays").asLong()).isEqualTo(14);
		assertThat(chart("/api/charts/weekly?date=2027-01-04").path("periodId").asString()).isEqualTo("2027-W01");
	}

	@Test
	void playsAtAMonthEndCountByTheirUtcDate() {
		String track = "t-" + UUID.randomUUID();
		this.music.publish(this.music.played(track, Instant.parse("2027-01-31T23:59:59.999Z")),
				this.music.played(track, Instant.parse("2027-02-01T00:00:00Z")),
				this.music.played(track, Instant.parse("2027-02-01T00:30:00+01:00")));
		clock.set(Instant.parse("2027-02-02T12:00:00Z"));
		await("plays counted", () -> Long.valueOf(1).equals(plays("chart:monthly:2027-02", track))
				&& Long.valueOf(2).equals(plays("chart:monthly:2027-01", track)));
		assertThat(plays("chart:daily:2027-01-31", track)).isEqualTo(2);
		assertThat(plays("chart:daily:2027-02-01", track)).isEqualTo(1);
	}

	@Test
	void concurrentPlaysAreAllCounted() throws Exception {
		int tracks = 12;
		int playsPerTrack = 40;
		Instant at = Instant.parse("2027-01-05T10:00:00Z");
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < tracks; i++) {
			ids.add("c-" + i + "-" + UUID.randomUUID());
		}
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> sent = new ArrayList<>();
			for (int thread = 0; thread < 4; thread++) {
				sent.add(pool.submit(() -> {
					try (var producer = new io.chorus.chart.testing.MusicEvents(this.bootstrapServers, this.topic)) {
						List<CloudEvent> batch = new ArrayList<>();
						for (String id : ids) {
							for (int p = 0; p < playsPerTrack / 4; p++) {
								batch.add(producer.played(id, at));
							}
						}
						producer.publish(batch);
					}
				}));
			}
			for (Future<?> future : sent) {
				future.get();
			}
		}
		finally {
			pool.shutdown();
		}
		await("every play counted", () -> ids.stream()
			.allMatch(id -> Long.valueOf(playsPerTrack).equals(plays("chart:daily:2027-01-05", id))));
		for (String id : ids) {
			assertThat(plays("chart:weekly:2027-W01", id)).isEqualTo(playsPerTrack);
			assertThat(plays("chart:monthly:2027-01", id)).isEqualTo(playsPerTrack);
		}
	}

	/** Counting straight into Redis from many concurrent scripts on the same keys: nothing is lost. */
	@Test
	void concurrentCountingScriptsLoseNothing() {
		String track = "s-" + UUID.randomUUID();
		Instant at = Instant.parse("2027-01-05T10:00:00Z");
		List<String> eventIds = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			eventIds.add(UUID.randomUUID().toString());
		}
		Flux.fromIterable(eventIds)
			.flatMap(eventId -> this.store.recordPlay(eventId, track, targets(at), Duration.ofDays(8)), 64)
			.then()
			.block(Duration.ofSeconds(30));
		assertThat(plays("chart:daily:2027-01-05", track)).isEqualTo(500);
		assertThat(plays("chart:weekly:2027-W01", track)).isEqualTo(500);
	}

	@Test
	void redeliveredPlaysAreNotCountedTwice() {
		String track = "d-" + UUID.randomUUID();
		Instant at = Instant.parse("2027-01-05T09:00:00Z");
		CloudEvent first = this.music.played(track, at);
		CloudEvent second = this.music.played(track, at);
		// The broker redelivers (same event id, same bytes) several times.
		this.music.publish(first, first, second, first, second);
		String sentinelTrack = track;
		CloudEvent sentinel = this.music.played(sentinelTrack, Instant.parse("2027-01-04T09:00:00Z"));
		this.music.publish(sentinel);
		// Same key, same partition, in order: once the sentinel counts, the duplicates were seen.
		await("sentinel counted", () -> Long.valueOf(1).equals(plays("chart:daily:2027-01-04", track)));
		assertThat(plays("chart:daily:2027-01-05", track)).isEqualTo(2);
		assertThat(plays("chart:weekly:2027-W01", track)).isEqualTo(3);

		// A crash between counting and the consumer's dedupe mark: the starter's key is missing, the
		// event comes again, and the counting script's own marker still refuses to count it.
		this.redis.delete(this.keyPrefix + "dedupe:chart:" + first.id()).block();
		this.music.publish(first);
		CloudEvent sentinel2 = this.music.played(track, Instant.parse("2027-01-03T09:00:00Z"));
		this.music.publish(sentinel2);
		await("second sentinel counted", () -> Long.valueOf(1).equals(plays("chart:daily:2027-01-03", track)));
		assertThat(plays("chart:daily:2027-01-05", track)).isEqualTo(2);
		assertThat(this.store.recordPlay(first.id(), track, targets(at), Duration.ofDays(8)).block()).isZero();
		assertThat(plays("chart:daily:2027-01-05", track)).isEqualTo(2);
	}

	@Test
	void liveKeysExpireAfterTheirPeriodPlusRetention() {
		String track = "e-" + UUID.randomUUID();
		this.music.publish(this.music.played(track, Instant.parse("2027-01-05T09:00:00Z")));
		await("counted", () -> plays("chart:daily:2027-01-05", track) != null);
		// now = 2027-01-05T12:00Z; day ends 2027-01-06T00:00Z (+8 d), week 2027-01-11 (+35 d), month 2027-02-01 (+395 d)
		assertTtl("chart:daily:2027-01-05", Duration.ofHours(12).plusDays(8));
		assertTtl("chart:weekly:2027-W01", Duration.ofHours(12).plusDays(5 + 35));
		assertTtl("chart:monthly:2027-01", Duration.ofHours(12).plusDays(26 + 395));
		Long markerTtl = this.redis.getExpire(this.keyPrefix + "chart:played:" + anyPlayedMarker()).map(Duration::toSeconds).block();
		assertThat(markerTtl).isBetween(Duration.ofDays(8).toSeconds() - 60, Duration.ofDays(8).toSeconds());
	}

	@Test
	void metadataFollowsTrackAndArtistEvents() {
		String track = "m-" + UUID.randomUUID();
		String artist = "a-" + UUID.randomUUID();
		this.music.publish(this.music.trackPublished(track, "Song One", artist, "The Band", "img-1"));
		this.music.publish(this.music.played(track, Instant.parse("2027-01-05T09:00:00Z")));
		await("counted and rendered", () -> track.equals(chart("/api/charts/daily?date=2027-01-05").path("items")
			.path(0).path("trackId").asString()));
		JsonNode item = chart("/api/charts/daily?date=2027-01-05").path("items").get(0);
		assertThat(item.path("trackId").asString()).isEqualTo(track);
		assertThat(item.path("title").asString()).isEqualTo("Song One");
		assertThat(item.path("artistId").asString()).isEqualTo(artist);
		assertThat(item.path("artistName").asString()).isEqualTo("The Band");
		assertThat(item.path("coverUrl").asString()).isEqualTo("/api/tracks/" + track + "/cover?v=img-1");

		this.music.publish(this.music.artistUpdated(artist, "The Renamed Band"));
		await("renamed", () -> "The Renamed Band".equals(this.redis.<String, String>opsForHash()
			.get(this.keyPrefix + "chart:track:" + track, "artistName")
			.block()));

		this.music.publish(this.music.trackDeleted(track, artist));
		await("gone from the live chart", () -> plays("chart:daily:2027-01-05", track) == null);
		// A play arriving after the deletion is not counted.
		CloudEvent late = this.music.played(track, Instant.parse("2027-01-05T10:00:00Z"));
		this.music.publish(late);
		await("late play seen", () -> "d".equals(this.redis.opsForValue()
			.get(this.keyPrefix + "chart:played:" + late.id())
			.block()));
		assertThat(plays("chart:daily:2027-01-05", track)).isNull();
		await("gone from the rendered page", () -> !ids(chart("/api/charts/daily?date=2027-01-05")).contains(track));
	}

	@Test
	void unusablePlaysGoToTheDeadLetterTopic() {
		ObjectNode data = JsonMapper.shared().createObjectNode();
		data.put("trackId", "bad-" + UUID.randomUUID());
		data.put("playedAt", "yesterday");
		CloudEvent bad = this.music.raw(CloudEvent.type("music", "track", "played"), data.path("trackId").asString(),
				data);
		this.music.publish(bad);
		Properties props = new Properties();
		props.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
				ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
		try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(this.topic + ".chart.dlq"));
			List<String> keys = new ArrayList<>();
			await("dead-lettered", () -> {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					keys.add(record.key());
				}
				return keys.contains(bad.subject());
			});
		}
	}

	private String anyPlayedMarker() {
		String key = this.redis.scan(org.springframework.data.redis.core.ScanOptions.scanOptions()
			.match(this.keyPrefix + "chart:played:*")
			.count(1000)
			.build()).blockFirst();
		assertThat(key).isNotNull();
		return key.substring((this.keyPrefix + "chart:played:").length());
	}

	private void assertTtl(String suffix, Duration expected) {
		Duration ttl = this.redis.getExpire(this.keyPrefix + suffix).block();
		assertThat(ttl).as(suffix).isNotNull();
		assertThat(ttl.toSeconds()).as(suffix).isBetween(expected.toSeconds() - 60, expected.toSeconds());
	}

	private List<io.chorus.chart.store.ChartStore.Target> targets(Instant at) {
		List<io.chorus.chart.store.ChartStore.Target> targets = new ArrayList<>();
		for (io.chorus.chart.domain.Period period : io.chorus.chart.domain.Period.values()) {
			targets.add(new io.chorus.chart.store.ChartStore.Target(period.containing(at), Duration.ofDays(1)));
		}
		return targets;
	}

}
