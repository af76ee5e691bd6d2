package io.chorus.chart.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chorus.chart.domain.ChartRules;
import io.chorus.chart.domain.Period;
import io.chorus.chart.domain.Snapshots;
import io.chorus.chart.store.ChartStore;
import io.chorus.chart.testing.IntegrationTestBase;
import io.chorus.testkit.blockhound.BlockHoundProbe;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading charts: ranks, deltas, snapshots of closed periods, round trips, validation. */
class ChartReadIntegrationTests extends IntegrationTestBase {

	private static final Instant YESTERDAY = Instant.parse("2027-01-04T15:00:00Z");

	private static final Instant TODAY = Instant.parse("2027-01-05T09:00:00Z");

	@Autowired
	private ChartRules rules;

	@Autowired
	private Snapshots snapshots;

	@Test
	void blockHoundIsActive() {
		BlockHoundProbe.assertInstalled();
	}

	@Test
	void deltasCompareWithThePreviousPeriod() {
		String a = "a-" + UUID.randomUUID();
		String b = "b-" + UUID.randomUUID();
		String c = "c-" + UUID.randomUUID();
		String gone = "x-" + UUID.randomUUID();
		String fresh = "n-" + UUID.randomUUID();
		play(a, YESTERDAY, 5);
		play(b, YESTERDAY, 4);
		play(c, YESTERDAY, 3);
		play(gone, YESTERDAY, 2);
		play(b, TODAY, 10);
		play(a, TODAY, 6);
		play(c, TODAY, 3);
		play(fresh, TODAY, 1);

		JsonNode today = chart("/api/charts/daily?date=2027-01-05");
		assertThat(today.path("status").asString()).isEqualTo("LIVE");
		assertThat(today.path("periodId").asString()).isEqualTo("2027-01-05");
		assertThat(today.path("previousPeriodId").asString()).isEqualTo("2027-01-04");
		assertThat(today.path("nextCursor").isNull()).isTrue();
		assertThat(ids(today)).containsExactly(b, a, c, fresh);
		assertRow(today, 0, 1, 10, "UP", 1, 2);
		assertRow(today, 1, 2, 6, "DOWN", 1, 1);
		assertRow(today, 2, 3, 3, "SAME", 0, 3);
		assertRow(today, 3, 4, 1, "NEW", 0, null);
		// Yesterday is closed and settled: its ranking was frozen into a snapshot on first use.
		assertThat(this.redis.hasKey(this.keyPrefix + "chart:snapshot:daily:2027-01-04").block()).isTrue();
		assertThat(this.redis.hasKey(this.keyPrefix + "chart:snapshot:daily:2027-01-05").block()).isFalse();

		// Yesterday's live key expires: deltas and yesterday's own chart come from the snapshot.
		this.redis.delete(this.keyPrefix + "chart:daily:2027-01-04").block();
		assertThat(chart("/api/charts/daily?date=2027-01-05")).isEqualTo(today);
		JsonNode yesterday = chart("/api/charts/daily?date=2027-01-04");
		assertThat(yesterday.path("status").asString()).isEqualTo("FINAL");
		assertThat(ids(yesterday)).containsExactly(a, b, c, gone);
		assertThat(yesterday.path("items").get(0).path("plays").asLong()).isEqualTo(5);
	}

	@Test
	void closedPeriodsAreAnsweredFromTheirSnapshotAfterTheLiveKeysAreGone() {
		String first = "w1-" + UUID.randomUUID();
		String second = "w2-" + UUID.randomUUID();
		play(first, Instant.parse("2026-12-29T10:00:00Z"), 3);
		play(second, Instant.parse("2027-01-02T10:00:00Z"), 2);
		JsonNode before = chart("/api/charts/weekly?date=2026-12-30");
		assertThat(before.path("status").asString()).isEqualTo("FINAL");

		// The scheduled path, several replicas at once: every final period gets exactly one snapshot.
		List<Long> made = Flux.range(0, 4)
			.flatMap(i -> this.snapshots.snapshotClosedPeriods())
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(made).allMatch(count -> count > 0);
		assertThat(this.redis.opsForZSet().size(this.keyPrefix + "chart:snapshot:weekly:2026-W53").block())
			.isEqualTo(2);
		assertThat(this.redis.hasKey(this.keyPrefix + "chart:snapshot:monthly:2026-12").block()).isTrue();
		assertThat(this.redis.hasKey(this.keyPrefix + "chart:snapshot:daily:2026-12-29").block()).isTrue();
		// The open periods have none.
		assertThat(this.redis.hasKey(this.keyPrefix + "chart:snapshot:weekly:2027-W01").block()).isFalse();
		assertThat(this.redis.hasKey(this.keyPrefix + "chart:snapshot:monthly:2027-01").block()).isFalse();
		// Snapshots have no expiry.
		assertThat(this.redis.getExpire(this.keyPrefix + "chart:snapshot:weekly:2026-W53").block())
			.isEqualTo(Duration.ZERO);

		// A late play after the snapshot does not change the final ranking; a rerun changes nothing.
		play(second, Instant.parse("2027-01-02T11:00:00Z"), 5);
		this.snapshots.snapshotClosedPeriods().block(Duration.ofSeconds(10));

		for (String key : List.of("chart:weekly:2026-W53", "chart:monthly:2026-12", "chart:daily:2026-12-29",
				"chart:daily:2027-01-02")) {
			this.redis.delete(this.keyPrefix + key).block();
		}
		JsonNode after = chart("/api/charts/weekly?date=2026-12-30");
		assertThat(after).isEqualTo(before);
		assertThat(ids(after)).containsExactly(first, second);
		assertThat(after.path("items").get(1).path("plays").asLong()).isEqualTo(2);
		// December only has the first one: 2027-01-02 belongs to January (and to W53).
		assertThat(ids(chart("/api/charts/monthly?date=2026-12-01"))).containsExactly(first);
		assertThat(ids(chart("/api/charts/daily?date=2026-12-29"))).containsExactly(first);
		// Next week's deltas still see W53 through its snapshot.
		play(second, TODAY, 1);
		JsonNode thisWeek = chart("/api/charts/weekly?date=2027-01-05");
		assertThat(thisWeek.path("previousPeriodId").asString()).isEqualTo("2026-W53");
		assertRow(thisWeek, 0, 1, 1, "UP", 1, 2);
	}

	@Test
	void aRenderedChartPageIsOneRedisCommandWhateverTheLimit() {
		for (int i = 0; i < 150; i++) {
			String track = String.format("rt-%03d-%s", i, UUID.randomUUID());
			this.store
				.upsertTrack(track, 1L, "Title " + i, "artist-" + (i % 7), "Artist " + (i % 7), "cover-" + i)
				.block();
			play(track, TODAY, 1 + i);
			play(track, YESTERDAY, 151 - i);
		}
		for (String date : List.of("2027-01-05", "2027-01-04")) {
			redisCommands.reset();
			chart("/api/charts/daily?date=" + date + "&limit=100"); // renders the page: the Lua read, then the write
			assertThat(redisCommands.commands()).as("first read of " + date).startsWith("LRANGE").contains("EVALSHA");

			redisCommands.reset();
			JsonNode ten = chart("/api/charts/daily?date=" + date + "&limit=10");
			List<String> forTen = redisCommands.commands();

			redisCommands.reset();
			JsonNode hundred = chart("/api/charts/daily?date=" + date + "&limit=100");
			List<String> forHundred = redisCommands.commands();

			assertThat(ten.path("items").size()).isEqualTo(10);
			assertThat(hundred.path("items").size()).isEqualTo(100);
			assertThat(forTen).as("commands for limit=10 on " + date).containsExactly("LRANGE");
			assertThat(forHundred).as("commands for limit=100 on " + date).isEqualTo(forTen);
			JsonNode last = hundred.path("items").get(99);
			assertThat(last.path("title").asString()).startsWith("Title ");
			assertThat(last.path("artistName").asString()).startsWith("Artist ");
			assertThat(last.path("coverUrl").asString()).contains("/cover?v=cover-");
			// Today's order is yesterday's reversed; yesterday has no previous plays at all.
			assertThat(last.path("delta").path("direction").asString())
				.isEqualTo(date.equals("2027-01-05") ? "DOWN" : "NEW");
		}
	}

	@Test
	void limitDefaultsToTwentyAndRowsWithoutMetadataHaveNulls() {
		for (int i = 0; i < 25; i++) {
			play("l-" + i + "-" + UUID.randomUUID(), TODAY, 1);
		}
		JsonNode page = chart("/api/charts/daily");
		assertThat(page.path("periodId").asString()).isEqualTo("2027-01-05");
		assertThat(page.path("items").size()).isEqualTo(20);
		assertThat(chart("/api/charts/monthly?limit=100").path("items").size()).isEqualTo(25);
		JsonNode item = page.path("items").get(0);
		assertThat(item.path("title").isNull()).isTrue();
		assertThat(item.path("coverUrl").isNull()).isTrue();
		assertThat(item.path("delta").path("direction").asString()).isEqualTo("NEW");
		assertThat(chart("/api/charts/daily?date=2027-03-01").path("items").size()).isZero();
	}

	@Test
	void badParametersAreFieldProblems() {
		JsonNode all = problem("/api/charts/yearly?date=2027-13-01&limit=0");
		assertThat(fields(all)).containsOnlyKeys("period", "date", "limit");
		assertThat(fields(problem("/api/charts/daily?limit=101"))).containsOnlyKeys("limit");
		assertThat(fields(problem("/api/charts/daily?limit=ten"))).containsOnlyKeys("limit");
		assertThat(fields(problem("/api/charts/weekly?date=20270105"))).containsOnlyKeys("date");
		assertThat(fields(problem("/api/charts/weekly?date=1999-12-31"))).containsOnlyKeys("date");
		assertThat(fields(problem("/api/charts/DAILY"))).containsOnlyKeys("period");
		assertThat(all.path("status").asInt()).isEqualTo(400);
	}

	private JsonNode problem(String path) {
		byte[] body = this.http.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.returnResult()
			.getResponseBody();
		return JsonMapper.shared().readTree(body);
	}

	private static Map<String, String> fields(JsonNode problem) {
		Map<String, String> fields = new java.util.HashMap<>();
		problem.path("errors").forEach(error -> fields.put(error.path("field").asString(), error.path("reason").asString()));
		return fields;
	}

	private static void assertRow(JsonNode chart, int index, int rank, long plays, String direction, int amount,
			Integer previousRank) {
		JsonNode item = chart.path("items").get(index);
		assertThat(item.path("rank").asInt()).isEqualTo(rank);
		assertThat(item.path("plays").asLong()).isEqualTo(plays);
		assertThat(item.path("delta").path("direction").asString()).isEqualTo(direction);
		assertThat(item.path("delta").path("amount").asInt()).isEqualTo(amount);
		if (previousRank == null) {
			assertThat(item.path("delta").path("previousRank").isNull()).isTrue();
		}
		else {
			assertThat(item.path("delta").path("previousRank").asInt()).isEqualTo(previousRank);
		}
	}

	/** Counts plays with the consumer's own script (each a distinct event id). */
	private void play(String trackId, Instant at, int times) {
		Instant now = this.rules.now();
		List<ChartStore.Target> targets = new ArrayList<>();
		for (Period period : Period.values()) {
			Period.Window window = period.containing(at);
			targets.add(new ChartStore.Target(window, this.rules.liveTtl(window, now)));
		}
		List<String> eventIds = new ArrayList<>();
		for (int i = 0; i < times; i++) {
			eventIds.add(UUID.randomUUID().toString());
		}
		Flux.fromIterable(eventIds)
			.concatMap(id -> this.store.recordPlay(id, trackId, targets, Duration.ofDays(8)))
			.then()
			.block(Duration.ofSeconds(10));
	}

}
