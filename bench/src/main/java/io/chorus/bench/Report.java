package io.chorus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** The results part of docs/benchmarks.md: machine, settings, one table per scenario. */
final class Report {

	private final StringBuilder markdown = new StringBuilder();

	Report(Scenarios.Settings settings, Seeder.Graph graph, boolean quiet) {
		this.markdown.append("## Results — ").append(Instant.now()).append("\n\n")
			.append("Machine: ").append(machine()).append("\n\n")
			.append("Settings: step ").append(settings.step().toSeconds()).append(" s after a ")
			.append(settings.warmup().toSeconds()).append(" s warm-up, offered rates ").append(settings.rates())
			.append(" /s, a step passes with p99 ≤ ").append(settings.p99LimitMillis())
			.append(" ms (the social mix, which also writes: ≤ ").append(settings.mixP99LimitMillis())
			.append(" ms) and ≤ 0.1 % errors; ").append(settings.connections()).append(" connections per target. ")
			.append("Seed: ").append(graph.members().size()).append(" members, ").append(graph.follows())
			.append(" follows (preferential attachment) + one announcer followed by all. ")
			.append(quiet ? "The event pipeline had caught up with the seeding before the first scenario.\n\n"
					: "**The event pipeline had not caught up with the seeding within the quiet-start wait: the first scenarios ran beside that backlog.**\n\n");
	}

	void overhead(List<RateSearch.Outcome> outcomes) {
		this.markdown.append("### (3) Gateway and passport overhead\n\n");
		table(outcomes);
		double ceiling = outcomes.get(0).maxRate();
		double direct = outcomes.get(1).maxRate();
		this.markdown.append("\nRatios in this run (max sustainable rate): ");
		for (RateSearch.Outcome outcome : outcomes.subList(1, outcomes.size())) {
			this.markdown.append("%s = %.2f × ceiling, %.2f × member direct; ".formatted(outcome.name(),
					outcome.maxRate() / Math.max(1, ceiling), outcome.maxRate() / Math.max(1, direct)));
		}
		this.markdown.append("\n\n");
	}

	void outcome(String title, RateSearch.Outcome outcome) {
		this.markdown.append("### ").append(title).append("\n\n");
		table(List.of(outcome));
		this.markdown.append('\n');
	}

	void fanOut(Scenarios.FanOut fanOut) {
		this.markdown.append("### (4) Post → visible in ").append(fanOut.followers()).append(" followers' home feeds\n\n")
			.append("The announcer posts %d times. Time to visible: %d randomly sampled followers polled back to back from just before the POST. Timeline's fan-out: its `chorus.timeline.fanout` timer for the same posts (follower scan + one feed write per follower). All confirmed: every follower's feed read until each showed the post — a sweep of %d gateway reads, so this bounds the probe as much as the system.\n\n"
				.formatted(fanOut.posts(), fanOut.sampled(), fanOut.followers()))
			.append("| time to visible p50 | p99 | max | timeline's fan-out (per post) | all %d confirmed by (per post) |\n|---|---|---|---|---|\n"
				.formatted(fanOut.followers()))
			.append("| %.0f ms | %.0f ms | %.0f ms | %s | %s |%n%n".formatted(fanOut.sampledP50Millis(),
					fanOut.sampledP99Millis(), fanOut.sampledMaxMillis(), millis(fanOut.serviceMillis()),
					millis(fanOut.allConfirmedMillis())));
	}

	private static String millis(List<Double> values) {
		return values.stream().map((v) -> v.isNaN() ? "not all" : "%.0f ms".formatted(v))
			.collect(Collectors.joining(", "));
	}

	void streaming(Seeder.Catalog catalog, Scenarios.Streaming streaming) {
		this.markdown.append("### (5) ").append(streaming.listeners()).append(" concurrent listeners streaming with Range requests\n\n")
			.append("Track: %d bytes (generated 60 s WAV), read with sequential %d-byte ranges through the gateway; all listeners start together. Failed listeners: %d.\n\n"
				.formatted(streaming.trackBytes(), streaming.chunkBytes(), streaming.failures()))
			.append("| first byte mean | first byte p50 | first byte p99 | whole track p50 | whole track p99 | aggregate throughput |\n|---|---|---|---|---|---|\n")
			.append("| %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.1f MiB/s |%n%n".formatted(streaming.firstByteMeanMillis(),
					streaming.firstByteP50Millis(), streaming.firstByteP99Millis(), streaming.wholeP50Millis(),
					streaming.wholeP99Millis(), streaming.aggregateMiBPerSecond()))
			.append("Seeded music for the chart scenario: %d tracks, %d counted listens (Zipf popularity).\n\n"
				.formatted(catalog.trackIds().size(), catalog.plays()));
	}

	private void table(List<RateSearch.Outcome> outcomes) {
		this.markdown.append("| target | p99 limit | max sustainable rate | p50 | p99 | p99.9 | steps (offered → p99, errors) |\n")
			.append("|---|---|---|---|---|---|---|\n");
		for (RateSearch.Outcome outcome : outcomes) {
			OpenLoop.Result best = outcome.best();
			StringBuilder steps = new StringBuilder();
			outcome.steps().forEach((step) -> steps.append("%.0f → %.1f ms, %.1f %%; ".formatted(step.offeredRate(),
					step.p99(), 100 * step.errorRatio())));
			this.markdown.append((best == null) ? "| %s | %.0f ms | none | | | | %s |%n".formatted(outcome.name(),
					outcome.p99LimitMillis(), steps)
					: "| %s | %.0f ms | **%.0f /s** | %.2f ms | %.2f ms | %.2f ms | %s |%n".formatted(outcome.name(),
							outcome.p99LimitMillis(), best.offeredRate(), best.p50(), best.p99(), best.p999(), steps));
		}
	}

	String markdown() {
		return this.markdown.toString();
	}

	private static String machine() {
		String cpu = "unknown CPU";
		try {
			cpu = Files.readAllLines(Path.of("/proc/cpuinfo"))
				.stream()
				.filter((line) -> line.startsWith("model name"))
				.findFirst()
				.map((line) -> line.substring(line.indexOf(':') + 1).trim())
				.orElse(cpu);
		}
		catch (IOException ex) {
			// not Linux: keep "unknown CPU"
		}
		return "%d cores (%s), %d MiB max heap for the generator, Java %s, %s %s; the generator, the services and their infrastructure share this box"
			.formatted(Runtime.getRuntime().availableProcessors(), cpu, Runtime.getRuntime().maxMemory() >> 20,
					System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.version"));
	}

}
