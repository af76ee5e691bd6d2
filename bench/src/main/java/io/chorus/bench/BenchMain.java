package io.chorus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code java -cp <bench classpath> io.chorus.bench.BenchMain [scenario ...] [--flag value ...]}; scenarios: {@code overhead},
 * {@code social-mix}, {@code chart}, {@code fanout}, {@code streaming}, or {@code all}. The stack must be running
 * ({@code bench/run.sh} starts it with the bench settings). Results go to stdout and to the
 * report file ({@code --report}, default {@code docs/benchmarks-results.md}).
 */
public final class BenchMain {

	private BenchMain() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals("chat")) {
			// its own set-up (chat directly, bench-minted passports): see io.chorus.bench.chat.ChatBench
			io.chorus.bench.chat.ChatBench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
			return;
		}
		List<String> scenarios = new ArrayList<>();
		Map<String, String> flags = new HashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (args[i].startsWith("--")) {
				flags.put(args[i].substring(2), args[++i]);
			}
			else {
				scenarios.add(args[i]);
			}
		}
		if (scenarios.isEmpty() || scenarios.contains("all")) {
			scenarios = List.of("overhead", "social-mix", "chart", "fanout", "streaming");
		}
		RateSearch.Settings search = new RateSearch.Settings(
				Duration.ofSeconds(Long.parseLong(flags.getOrDefault("step-seconds", "20"))),
				Duration.ofSeconds(Long.parseLong(flags.getOrDefault("warmup-window-seconds", "5"))),
				Duration.ofSeconds(Long.parseLong(flags.getOrDefault("max-warmup-seconds", "60"))),
				Double.parseDouble(flags.getOrDefault("p99-ms", "50")), 0.001,
				Integer.parseInt(flags.getOrDefault("repetitions", "2")),
				Integer.parseInt(flags.getOrDefault("max-steps", "5")), 0.05);
		Scenarios.Settings settings = new Scenarios.Settings(flags.getOrDefault("gateway", "http://127.0.0.1:8080"),
				flags.getOrDefault("member", "http://127.0.0.1:8081"),
				Integer.parseInt(flags.getOrDefault("connections", "64")),
				Integer.parseInt(flags.getOrDefault("threads", "1")),
				Path.of(flags.getOrDefault("loadgen", "bench/target/loadgen")),
				Path.of(flags.getOrDefault("run-dir", System.getenv().getOrDefault("CHORUS_LOCAL_DIR", ".local") + "/run")),
				search, Double.parseDouble(flags.getOrDefault("mix-p99-ms", "100")));
		Scenarios run = new Scenarios(settings);
		int members = Integer.parseInt(flags.getOrDefault("members", "1000"));
		System.out.printf("seeding %d members …%n", members);
		long seedStart = System.nanoTime();
		Seeder.Graph graph = new Seeder(run.gateway(), 42).seed(members, 10, 4);
		System.out.printf("seeded %d members and %d follows in %.0f s%n", graph.members().size(), graph.follows(),
				(System.nanoTime() - seedStart) / 1e9);
		Seeder.Catalog catalog = null;
		if (scenarios.contains("chart") || scenarios.contains("streaming")) {
			catalog = new Seeder(run.gateway(), 43).seedMusic(graph, Integer.parseInt(flags.getOrDefault("artists", "20")),
					Integer.parseInt(flags.getOrDefault("tracks-per-artist", "10")),
					Integer.parseInt(flags.getOrDefault("plays-per-member", "5")), 4);
			System.out.printf("seeded %d tracks and %d listens%n", catalog.trackIds().size(), catalog.plays());
		}
		List<String> managementUrls = Arrays.stream(flags.getOrDefault("management",
				"http://127.0.0.1:9081,http://127.0.0.1:9082,http://127.0.0.1:9083,http://127.0.0.1:9084,"
						+ "http://127.0.0.1:9085,http://127.0.0.1:9086,http://127.0.0.1:9087").split(",")).toList();
		boolean quiet = new Quiesce().await(managementUrls,
				Duration.ofMinutes(Long.parseLong(flags.getOrDefault("quiesce-minutes", "20"))));
		graph = new Seeder(run.gateway(), 44).relogin(graph, 4);
		Report report = new Report(settings, graph, quiet);
		for (String scenario : scenarios) {
			switch (scenario) {
				case "overhead" -> {
					List<RateSearch.Outcome> overhead = run.overhead(graph);
					report.overhead(overhead, run.engineCheck());
					double withToken = overhead.get(overhead.size() - 1).maxRate();
					double compareAt = Double.parseDouble(flags.getOrDefault("compare-rate",
							Double.toString(Math.max(100, Math.min(1000, Math.floor(withToken / 2 / 100) * 100)))));
					report.beforeAfter(run.beforeAfter(graph, compareAt));
				}
				case "social-mix" -> report.outcome("(1) Social mix through the gateway", run.socialMix(graph));
				case "chart" -> report.outcome("(2) Chart top-100", run.chartTop100());
				case "fanout" -> report.fanOut(run.fanOut(graph, 3,
						Integer.parseInt(flags.getOrDefault("fanout-sample", "25")), managementUrls));
				case "streaming" -> report.streaming(catalog, run.streaming(graph, catalog,
						Integer.parseInt(flags.getOrDefault("listeners", "100")), 256 * 1024));
				default -> throw new IllegalArgumentException("Unknown scenario " + scenario);
			}
		}
		Path out = Path.of(flags.getOrDefault("report", "docs/benchmarks-results.md"));
		Files.createDirectories(out.toAbsolutePath().getParent());
		Files.writeString(out, report.markdown());
		System.out.println("report: " + out.toAbsolutePath());
		System.exit(0);
	}

}
