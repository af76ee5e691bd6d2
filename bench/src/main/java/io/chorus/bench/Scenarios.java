package io.chorus.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.stream.IntStream;

import io.netty.handler.codec.http.HttpHeaderNames;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/** The benchmark scenarios; each returns the outcomes it measured. */
final class Scenarios {

	private final Settings settings;

	private final Api gateway;

	private final HttpClient member;

	private final RateSearch search;

	private final RateSearch mixSearch;

	Scenarios(Settings settings) {
		this.settings = settings;
		this.gateway = new Api(Http.client(settings.gatewayUrl(), settings.connections()));
		this.member = Http.client(settings.memberUrl(), settings.connections());
		this.search = new RateSearch(new OpenLoop(Duration.ofSeconds(10), 20_000), settings.warmup(), settings.step(),
				settings.p99LimitMillis(), 0.001);
		this.mixSearch = new RateSearch(new OpenLoop(Duration.ofSeconds(10), 20_000), settings.warmup(), settings.step(),
				settings.mixP99LimitMillis(), 0.001);
	}

	Api gateway() {
		return this.gateway;
	}

	/**
	 * (3) What the edge costs: the same public read straight at member, through the gateway
	 * anonymously, and through the gateway with a bearer token (verify, revocation check, rate
	 * limit, passport), against a bare Reactor Netty server on the same box as the ceiling.
	 */
	List<RateSearch.Outcome> overhead(Seeder.Graph graph) {
		List<RateSearch.Outcome> outcomes = new ArrayList<>();
		try (HelloServer hello = HelloServer.start(0)) {
			HttpClient ceiling = Http.client(hello.baseUrl(), this.settings.connections());
			outcomes.add(this.search.search("hello (Reactor Netty ceiling)", this.settings.rates(), (i) -> ok(ceiling, "/hello", null)));
		}
		List<Api.Member> members = graph.members();
		outcomes.add(this.search.search("member direct", this.settings.rates(),
				(i) -> ok(this.member, "/api/members/" + members.get((int) (i % members.size())).id(), null)));
		outcomes.add(this.search.search("gateway anonymous", this.settings.rates(),
				(i) -> ok(this.gateway.http(), "/api/members/" + members.get((int) (i % members.size())).id(), null)));
		outcomes.add(this.search.search("gateway + token + passport", this.settings.rates(), (i) -> {
			int m = (int) (i % members.size());
			return ok(this.gateway.http(), "/api/members/" + members.get((m * 7 + 3) % members.size()).id(),
					graph.tokens().get(m));
		}));
		return outcomes;
	}

	/** (1) The standard social mix: 60 % home timeline, 30 % member timeline, 10 % compose. */
	RateSearch.Outcome socialMix(Seeder.Graph graph) {
		List<Api.Member> members = graph.members();
		LongFunction<Mono<Boolean>> mix = (i) -> {
			int m = (int) ((i * 7919) % members.size());
			String token = graph.tokens().get(m);
			long kind = i % 10;
			if (kind < 6) {
				return ok(this.gateway.http(), "/api/timeline/home?limit=20", token);
			}
			if (kind < 9) {
				return ok(this.gateway.http(), "/api/timeline/members/" + members.get((m + 1) % members.size()).id() + "?limit=20", token);
			}
			return this.gateway.post(token, "bench post " + i).thenReturn(true);
		};
		return this.mixSearch.search("social mix 60/30/10", this.settings.rates(), mix);
	}

	/** (2) The top-100 chart of today. */
	RateSearch.Outcome chartTop100() {
		return this.search.search("chart top 100", this.settings.rates(),
				(i) -> ok(this.gateway.http(), "/api/charts/daily?limit=100", null));
	}

	/**
	 * (4) Fan-out: the announcer (followed by every seeded member) posts, and three clocks run from
	 * just before the POST. A fixed random sample of followers is polled back to back until each
	 * shows the post: time to visible, to within one sample round (a few ms). Then every follower's
	 * feed is read, repeating for those that do not show it yet: proof that all of them got it, but
	 * only to within a sweep, since ~1 000 reads through the gateway take seconds on this box.
	 * Timeline's own fan-out timer ({@code chorus.timeline.fanout}) gives the service's share.
	 */
	FanOut fanOut(Seeder.Graph graph, int posts, int sampleSize, List<String> managementUrls)
			throws InterruptedException {
		Prometheus prometheus = new Prometheus();
		List<Integer> everyone = new ArrayList<>(IntStream.range(0, graph.tokens().size()).boxed().toList());
		Collections.shuffle(everyone, new Random(45));
		List<Integer> sample = everyone.subList(0, Math.min(sampleSize, everyone.size()));
		Histogram visible = new Histogram(TimeUnit.MINUTES.toNanos(5), 3);
		List<Double> serviceMillis = new ArrayList<>();
		List<Double> allConfirmedMillis = new ArrayList<>();
		for (int p = 0; p < posts; p++) {
			double fanOutsBefore = prometheus.sum(managementUrls, "chorus_timeline_fanout_seconds_sum");
			long start = System.nanoTime();
			String postId = this.gateway.post(graph.announcerToken(), "fan-out " + p).block();
			Map<Integer, Long> seen = pollUntilSeen(graph, postId, sample, start, sample.size());
			seen.values().forEach(visible::recordValue);
			Map<Integer, Long> confirmed = pollUntilSeen(graph, postId, everyone, start, 32);
			allConfirmedMillis.add((confirmed.size() == everyone.size())
					? (System.nanoTime() - start) / 1e6 : Double.NaN);
			serviceMillis.add((prometheus.sum(managementUrls, "chorus_timeline_fanout_seconds_sum") - fanOutsBefore)
					* 1000);
		}
		return new FanOut(graph.tokens().size(), posts, sample.size(), visible.getValueAtPercentile(50) / 1e6,
				visible.getValueAtPercentile(99) / 1e6, visible.getMaxValue() / 1e6, serviceMillis, allConfirmedMillis);
	}

	/**
	 * Reads the home feeds of {@code followers} in rounds ({@code concurrency} in flight) until each
	 * shows {@code postId} or two minutes passed; answers when each was first seen, in ns from start.
	 */
	private Map<Integer, Long> pollUntilSeen(Seeder.Graph graph, String postId, List<Integer> followers, long start,
			int concurrency) {
		Map<Integer, Long> seen = new ConcurrentHashMap<>();
		while (seen.size() < followers.size() && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(120)) {
			Flux.fromIterable(followers)
				.filter((f) -> !seen.containsKey(f))
				.flatMap((f) -> this.gateway.homeFeed(graph.tokens().get(f), 20)
					.filter((ids) -> ids.contains(postId))
					.doOnNext((ids) -> seen.putIfAbsent(f, System.nanoTime() - start))
					.onErrorResume((ex) -> Mono.empty()), concurrency)
				.blockLast();
		}
		return seen;
	}

	/**
	 * (5) Streaming: {@code listeners} members start the long track at the same moment, each on
	 * its own connection, reading it with sequential Range requests of {@code chunkBytes} (what a
	 * player does). First byte = from the common start until the first body bytes arrive.
	 */
	Streaming streaming(Seeder.Graph graph, Seeder.Catalog catalog, int listeners, int chunkBytes) {
		HttpClient client = Http.client(this.settings.gatewayUrl(), listeners);
		Histogram firstByte = new Histogram(TimeUnit.MINUTES.toNanos(5), 3);
		Histogram whole = new Histogram(TimeUnit.MINUTES.toNanos(5), 3);
		AtomicLong bytes = new AtomicLong();
		AtomicLong failures = new AtomicLong();
		long start = System.nanoTime();
		Flux.range(0, listeners)
			.flatMap((l) -> listen(client, graph.tokens().get(l % graph.tokens().size()), catalog, chunkBytes, start)
				.doOnNext((r) -> {
					firstByte.recordValue(r[0]);
					whole.recordValue(r[1]);
					bytes.addAndGet(r[2]);
				})
				.onErrorResume((ex) -> {
					failures.incrementAndGet();
					return Mono.empty();
				}), listeners)
			.blockLast();
		double seconds = (System.nanoTime() - start) / 1e9;
		return new Streaming(listeners, catalog.streamBytes(), chunkBytes, failures.get(), firstByte.getMean() / 1e6,
				firstByte.getValueAtPercentile(50) / 1e6, firstByte.getValueAtPercentile(99) / 1e6,
				whole.getValueAtPercentile(50) / 1e6, whole.getValueAtPercentile(99) / 1e6,
				bytes.get() / seconds / (1 << 20));
	}

	// {first byte ns, whole track ns, bytes}; fails unless every range answers 206 with its bytes
	private static Mono<long[]> listen(HttpClient client, String token, Seeder.Catalog catalog, int chunkBytes,
			long start) {
		long total = catalog.streamBytes();
		AtomicLong firstByte = new AtomicLong(-1);
		AtomicLong received = new AtomicLong();
		return Flux.range(0, (int) ((total + chunkBytes - 1) / chunkBytes))
			.concatMap((i) -> {
				long from = (long) i * chunkBytes;
				long to = Math.min(total - 1, from + chunkBytes - 1);
				return client.headers((headers) -> headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token)
					.set(HttpHeaderNames.RANGE, "bytes=" + from + "-" + to))
					.get()
					.uri("/api/tracks/" + catalog.streamTrackId() + "/stream")
					.response((response, body) -> (response.status().code() == 206) ? body.map((buf) -> {
						firstByte.compareAndSet(-1, System.nanoTime() - start);
						return (long) buf.readableBytes();
					}) : Flux.error(new IllegalStateException("range answered " + response.status())));
			})
			.doOnNext(received::addAndGet)
			.then(Mono.fromCallable(() -> {
				if (received.get() != total) {
					throw new IllegalStateException("received " + received.get() + " of " + total + " bytes");
				}
				return new long[] { firstByte.get(), System.nanoTime() - start, received.get() };
			}));
	}

	private static Mono<Boolean> ok(HttpClient client, String uri, @Nullable String token) {
		return client.headers((headers) -> {
			if (token != null) {
				headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token);
			}
		}).get().uri(uri).responseSingle((response, body) -> body.then(Mono.just(response.status().code() == 200)));
	}

	/**
	 * Post-to-feed visibility across {@code followers} feeds (ms; polling with 32 concurrent reads,
	 * so the figures include up to one polling round).
	 */
	record FanOut(int followers, int posts, int sampled, double sampledP50Millis, double sampledP99Millis,
			double sampledMaxMillis, List<Double> serviceMillis, List<Double> allConfirmedMillis) {
	}

	/** Streaming figures: first byte (ms), whole-track time (ms), aggregate throughput (MiB/s). */
	record Streaming(int listeners, int trackBytes, int chunkBytes, long failures, double firstByteMeanMillis,
			double firstByteP50Millis, double firstByteP99Millis, double wholeP50Millis, double wholeP99Millis,
			double aggregateMiBPerSecond) {
	}

	/** Run settings (see BenchMain for the flags). */
	/**
	 * @param mixP99LimitMillis the social mix's own p99 limit: unlike the single reads, it composes
	 * posts (a committed write whose events fan out while the mix runs)
	 */
	record Settings(String gatewayUrl, String memberUrl, int connections, Duration warmup, Duration step,
			double p99LimitMillis, double mixP99LimitMillis, List<Double> rates) {
	}

}
