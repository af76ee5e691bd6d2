package io.chorus.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import io.netty.handler.codec.http.HttpHeaderNames;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/** The benchmark scenarios; each returns the outcomes it measured. */
final class Scenarios {

	/** Distinct rendered requests per target; loadgen sends them round robin. */
	private static final int REQUESTS_PER_TARGET = 4_000;

	/** The rate the engine must be able to offer on this box (against the raw hello). */
	static final double ENGINE_CHECK_RATE = 100_000;

	private LoadGen.@Nullable Result engineCheck;

	private final Settings settings;

	private final Api gateway;

	private final LoadGen engine;

	private final CpuMeter cpu;

	private final RateSearch search;

	private final RateSearch mixSearch;

	private final Profiler profiler = new Profiler();

	Scenarios(Settings settings) {
		this.settings = settings;
		this.gateway = new Api(Http.client(settings.gatewayUrl(), settings.connections()));
		this.engine = new LoadGen(settings.loadgen(), settings.connections(), settings.threads(), Duration.ofSeconds(10));
		this.cpu = new CpuMeter(settings.runDirectory());
		this.search = new RateSearch(this.engine, this.cpu, settings.search());
		this.mixSearch = new RateSearch(this.engine, this.cpu, settings.search().withP99Limit(settings.mixP99LimitMillis()));
	}

	Api gateway() {
		return this.gateway;
	}

	/** The engine check of the last overhead run: 100 000 req/s offered to the raw hello. */
	LoadGen.@Nullable Result engineCheck() {
		return this.engineCheck;
	}

	/**
	 * (3) What the edge costs, against two ceilings run as their own processes: a raw Reactor
	 * Netty hello and a bare Spring Boot WebFlux hello. Then the same public read straight at
	 * member, through the gateway anonymously, and through the gateway with a bearer token
	 * (verification, revocation, rate limit, passport; member verifies the passport).
	 */
	List<RateSearch.Outcome> overhead(Seeder.Graph graph) {
		List<RateSearch.Outcome> outcomes = new ArrayList<>();
		outcomes.add(ceiling("raw", "hello: raw Reactor Netty (ceiling)", 18091));
		outcomes.add(ceiling("boot", "hello: bare Spring Boot WebFlux (ceiling)", 18092));
		List<Api.Member> members = graph.members();
		outcomes.add(this.search.search(memberRead("member direct", this.settings.memberUrl(), graph, false), 500));
		outcomes.add(this.search.search(memberRead("gateway anonymous", this.settings.gatewayUrl(), graph, false), 500));
		outcomes.add(this.search.search(memberRead("gateway + token", this.settings.gatewayUrl(), graph, true), 500));
		return outcomes;
	}

	private RateSearch.Outcome ceiling(String kind, String name, int port) {
		Process process = Ceilings.start(kind, port);
		this.cpu.watch("ceiling-" + kind, process.pid());
		try {
			LoadGen.Target target = LoadGen.target(name, "http://127.0.0.1:" + port, 1,
					(i) -> LoadGen.Request.get("/hello", null));
			RateSearch.Outcome outcome = this.search.search(target, 5_000);
			if (kind.equals("raw")) {
				// What the engine itself can offer: 100 000 req/s for one step, whatever the p99.
				this.engineCheck = this.engine.run(target, ENGINE_CHECK_RATE, this.settings.search().step());
				System.out.println(this.engineCheck.line().replace(name, name + " (engine check)"));
			}
			return outcome;
		}
		finally {
			this.cpu.forget("ceiling-" + kind);
			process.destroy();
		}
	}

	/** {@code GET /api/members/{id}} over the seeded members; with tokens, member m reads another one. */
	private static LoadGen.Target memberRead(String name, String baseUrl, Seeder.Graph graph, boolean withToken) {
		List<Api.Member> members = graph.members();
		return LoadGen.target(name, baseUrl, REQUESTS_PER_TARGET, (i) -> {
			int m = (int) (i % members.size());
			return LoadGen.Request.get("/api/members/" + members.get((m * 7 + 3) % members.size()).id(),
					withToken ? graph.tokens().get(m) : null);
		});
	}

	/**
	 * Before/after rows for each change of "crypto once per token" and "observation that costs
	 * little", measured in this run: extra gateway and member instances started beside the stack
	 * ({@code installer.sh local variant}) with one setting turned back, all offered the same
	 * rate; what differs is CPU per request and latency.
	 */
	List<Comparison> beforeAfter(Seeder.Graph graph, double rate) {
		String member = "http://127.0.0.1:8081";
		List<Variant> variants = List.of(
				new Variant("gateway + token: all of it on (after)", "gateway", null, List.of(), List.of()),
				new Variant("gateway + token: verified-token cache off", "gw-token-cache-off", "gateway",
						List.of("8180", "9180"), List.of("CHORUS_GATEWAY_TOKENS_CACHE_SIZE=0")),
				new Variant("gateway + token: passport minted per request", "gw-passport-per-request", "gateway",
						List.of("8181", "9181"), List.of("CHORUS_GATEWAY_PASSPORT_REUSE=false")),
				new Variant("gateway + token: member's passport cache off", "member-passport-cache-off", "member",
						List.of("8182", "9182"), List.of("CHORUS_PASSPORT_CACHE_SIZE=0")),
				new Variant("gateway + token: all three off, observation as before (before)", "member-before", "member",
						List.of("8184", "9184"), List.of("CHORUS_PASSPORT_CACHE_SIZE=0", "MANAGEMENT_TRACING_SAMPLING_PROBABILITY=1.0",
								"SPRING_REACTOR_CONTEXT_PROPAGATION=auto", "CHORUS_OBSERVABILITY_REDIS_COMMAND_SPANS=true")),
				new Variant("member direct: observation now (after)", "member", null, List.of(), List.of()),
				new Variant("member direct: 100 % sampling, auto propagation, Redis spans (before)", "member-before", "member",
						List.of("8184", "9184"), List.of()));
		List<Comparison> rows = new ArrayList<>();
		List<String> started = new ArrayList<>();
		try {
			for (Variant variant : variants) {
				String url;
				if (variant.module() == null) {
					url = variant.name().equals("member") ? member : this.settings.gatewayUrl();
				}
				else {
					if (!started.contains(variant.name())) {
						Installer.variant(variant.name(), variant.module(), variant.ports(), variant.settings());
						started.add(variant.name());
					}
					url = "http://127.0.0.1:" + variant.ports().get(0);
				}
				boolean throughGateway = variant.label().startsWith("gateway");
				List<String> processes = new ArrayList<>();
				if (throughGateway && "member".equals(variant.module())) {
					// the member variant is reached through a gateway of its own
					String gatewayName = "gw-to-" + variant.name();
					int port = Integer.parseInt(variant.ports().get(0)) + 10;
					List<String> settings = new ArrayList<>(List.of("CHORUS_GATEWAY_SERVICES_MEMBER_URI=" + url));
					if (variant.label().contains("(before)")) {
						settings.addAll(List.of("CHORUS_GATEWAY_TOKENS_CACHE_SIZE=0", "CHORUS_GATEWAY_PASSPORT_REUSE=false",
								"MANAGEMENT_TRACING_SAMPLING_PROBABILITY=1.0", "SPRING_REACTOR_CONTEXT_PROPAGATION=auto",
								"CHORUS_OBSERVABILITY_REDIS_COMMAND_SPANS=true"));
					}
					if (!started.contains(gatewayName)) {
						Installer.variant(gatewayName, "gateway",
								List.of(Integer.toString(port), Integer.toString(port + 1000)), settings);
						started.add(gatewayName);
					}
					url = "http://127.0.0.1:" + port;
					processes.addAll(List.of(gatewayName, variant.name()));
				}
				else if (throughGateway) {
					processes.addAll(List.of(variant.name(), "member"));
				}
				else {
					processes.add(variant.name());
				}
				rows.add(compare(variant.label(), memberRead(variant.label(), url, graph, throughGateway), rate, processes));
			}
		}
		finally {
			started.forEach(Installer::stop);
		}
		return rows;
	}

	/** Offers {@code rate} after a warm-up, reading CPU per process and a JFR profile of {@code processes}. */
	private Comparison compare(String label, LoadGen.Target target, double rate, List<String> processes) {
		for (int i = 0; i < 3; i++) { // warm-up (JIT) at the same rate
			System.out.println(this.engine.run(target, rate, Duration.ofSeconds(5)).line());
		}
		Map<String, Long> pids = new LinkedHashMap<>();
		processes.forEach((name) -> pids.put(name, this.cpu.pid(name)));
		pids.values().removeIf((pid) -> pid < 0);
		pids.values().forEach(this.profiler::start);
		Map<String, Double> before = this.cpu.snapshot();
		LoadGen.Result result = this.engine.run(target, rate, this.settings.search().step());
		Map<String, Double> used = CpuMeter.delta(before, this.cpu.snapshot());
		Map<String, Map<String, Double>> profiles = new LinkedHashMap<>();
		pids.forEach((name, pid) -> profiles.put(name, this.profiler.stop(pid)));
		Map<String, Double> perThousand = new LinkedHashMap<>();
		used.forEach((process, seconds) -> perThousand.put(process, seconds * 1000 / Math.max(1, result.ok())));
		perThousand.put("loadgen", result.generatorCpuSeconds() * 1000 / Math.max(1, result.ok()));
		System.out.println(result.line());
		return new Comparison(label, result, perThousand, profiles);
	}

	/** One instance to compare: {@code module == null} is the stack's own instance. */
	private record Variant(String label, String name, @Nullable String module, List<String> ports,
			List<String> settings) {
	}

	/**
	 * A before/after row: one configuration at one rate, with CPU seconds per 1 000 requests by
	 * process and, per profiled process, the share of JFR samples by category.
	 */
	record Comparison(String label, LoadGen.Result result, Map<String, Double> cpuPerThousand,
			Map<String, Map<String, Double>> profiles) {
	}

	/** (1) The standard social mix: 60 % home timeline, 30 % member timeline, 10 % compose. */
	RateSearch.Outcome socialMix(Seeder.Graph graph) {
		List<Api.Member> members = graph.members();
		LoadGen.Target mix = LoadGen.target("social mix 60/30/10", this.settings.gatewayUrl(), REQUESTS_PER_TARGET,
				(i) -> {
					int m = (int) ((i * 7919) % members.size());
					String token = graph.tokens().get(m);
					long kind = i % 10;
					if (kind < 6) {
						return LoadGen.Request.get("/api/timeline/home?limit=20", token);
					}
					if (kind < 9) {
						return LoadGen.Request.get("/api/timeline/members/" + members.get((m + 1) % members.size()).id()
								+ "?limit=20", token);
					}
					return LoadGen.Request.postJson("/api/posts", token, Map.of("text", "bench post " + i));
				});
		return this.mixSearch.search(mix, 100);
	}

	/** (2) The top-100 chart of today. */
	RateSearch.Outcome chartTop100() {
		return this.search.search(LoadGen.target("chart top 100", this.settings.gatewayUrl(), 1,
				(i) -> LoadGen.Request.get("/api/charts/daily?limit=100", null)), 200);
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

	/**
	 * Run settings (see BenchMain for the flags).
	 * @param mixP99LimitMillis the social mix's own p99 limit: unlike the single reads, it composes
	 * posts (a committed write whose events fan out while the mix runs)
	 * @param runDirectory the local stack's pid files, for CPU per process
	 */
	record Settings(String gatewayUrl, String memberUrl, int connections, int threads, Path loadgen,
			Path runDirectory, RateSearch.Settings search, double mixP99LimitMillis) {
	}

}
