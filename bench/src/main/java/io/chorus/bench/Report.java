package io.chorus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/** The results part of docs/benchmarks.md: machine, settings, one table per scenario. */
final class Report {

	private final StringBuilder markdown = new StringBuilder();

	Report(Scenarios.Settings settings, Seeder.Graph graph, boolean quiet) {
		RateSearch.Settings search = settings.search();
		this.markdown.append("## Results — ").append(Instant.now()).append("\n\n")
			.append("Machine: ").append(machine()).append("\n\n")
			.append("Settings: loadgen with ").append(settings.connections()).append(" connections, ")
			.append(settings.threads()).append(" thread(s); steps of ").append(search.step().toSeconds())
			.append(" s; warm-up in ").append(search.warmupWindow().toSeconds())
			.append(" s windows until two medians agree within 10 % (at most ").append(search.maxWarmup().toSeconds())
			.append(" s); bisection for ").append(search.maxSteps()).append(" steps or to ")
			.append(Math.round(search.precision() * 100)).append(" %, ").append(search.repetitions())
			.append(" repetitions; a step passes with p99 ≤ ").append(search.p99LimitMillis())
			.append(" ms (the social mix, which also writes: ≤ ").append(settings.mixP99LimitMillis())
			.append(" ms) and ≤ ").append(search.maxErrorRatio() * 100).append(" % errors. ")
			.append("Seed: ").append(graph.members().size()).append(" members, ").append(graph.follows())
			.append(" follows (preferential attachment) + one announcer followed by all. ")
			.append(quiet ? "The event pipeline had caught up with the seeding before the first scenario.\n\n"
					: "**The event pipeline had not caught up with the seeding within the quiet-start wait: the first scenarios ran beside that backlog.**\n\n");
	}

	void overhead(List<RateSearch.Outcome> outcomes, LoadGen.@Nullable Result engineCheck) {
		this.markdown.append("### (3) Ceilings, member and the gateway\n\n");
		if (engineCheck != null) {
			this.markdown.append(("Engine check: loadgen offered %.0f req/s to the raw hello for %.0f s: %d of %d answered 2xx "
					+ "(%.0f /s), p50 %.2f ms, p99 %.2f ms, using %.2f CPU s (%.0f %% of one core).%n%n").formatted(
					engineCheck.offeredRate(), engineCheck.seconds(), engineCheck.ok(), engineCheck.sent(),
					engineCheck.okRate(), engineCheck.p50(), engineCheck.p99(), engineCheck.generatorCpuSeconds(),
					100 * engineCheck.generatorCpuSeconds() / engineCheck.seconds()));
		}
		double raw = outcomes.get(0).maxRate();
		double boot = outcomes.get(1).maxRate();
		this.markdown.append("| target | max sustainable rate (mean) | repetitions | spread | × raw hello | × Boot hello | p50 / p99 at max | p99 at half rate | CPU s per 1 000 requests |\n")
			.append("|---|---|---|---|---|---|---|---|---|\n");
		for (RateSearch.Outcome outcome : outcomes) {
			RateSearch.Step best = outcome.best();
			LoadGen.Result half = outcome.half();
			this.markdown.append("| %s | **%.0f /s** | %s | %.1f %% | %.3f | %.3f | %s | %s | %s |%n".formatted(outcome.name(),
					outcome.maxRate(), repetitions(outcome), 100 * outcome.spread(), outcome.maxRate() / Math.max(1, raw),
					outcome.maxRate() / Math.max(1, boot),
					(best != null) ? "%.2f / %.2f ms".formatted(best.result().p50(), best.result().p99()) : "–",
					(half != null) ? "%.2f ms (at %.0f /s)".formatted(half.p99(), half.offeredRate()) : "–",
					(best != null) ? cpu(best.cpuPerThousand()) : "–"));
		}
		this.markdown.append("\nEvery step (offered → p99, errors):\n\n");
		for (RateSearch.Outcome outcome : outcomes) {
			this.markdown.append("- ").append(outcome.name()).append(" (capacity probe %.0f /s; warm-up %s): ".formatted(
					outcome.capacity(), (outcome.warmupWindows() > 0) ? outcome.warmupWindows() + " windows" : "did not settle"))
				.append(steps(outcome)).append('\n');
		}
		this.markdown.append('\n');
	}

	void beforeAfter(List<Scenarios.Comparison> rows) {
		this.markdown.append("### (3b) Before and after, one setting at a time, same offered rate\n\n")
			.append("| configuration | offered | p50 | p99 | errors | CPU s per 1 000 requests |\n|---|---|---|---|---|---|\n");
		for (Scenarios.Comparison row : rows) {
			LoadGen.Result result = row.result();
			this.markdown.append("| %s | %.0f /s | %.2f ms | %.2f ms | %.2f %% | %s |%n".formatted(row.label(),
					result.offeredRate(), result.p50(), result.p99(), 100 * result.errorRatio(), cpu(row.cpuPerThousand())));
		}
		this.markdown.append("\nWhere each process's CPU went in those steps (JFR `jdk.ExecutionSample`, share of samples with")
			.append(" a frame of that kind anywhere in the stack, first match in the order listed):\n\n")
			.append("| configuration | process | samples | ").append(String.join(" | ", Profiler.columns()))
			.append(" |\n|---|---|---|").append("---|".repeat(Profiler.columns().size())).append('\n');
		for (Scenarios.Comparison row : rows) {
			row.profiles().forEach((process, shares) -> {
				this.markdown.append("| ").append(row.label()).append(" | ").append(process).append(" | ")
					.append("%.0f".formatted(shares.getOrDefault("samples", 0.0)));
				for (String category : Profiler.columns()) {
					this.markdown.append(" | %.0f %%".formatted(100 * shares.getOrDefault(category, 0.0)));
				}
				this.markdown.append(" |\n");
			});
		}
		this.markdown.append('\n');
	}

	void outcome(String title, RateSearch.Outcome outcome) {
		this.markdown.append("### ").append(title).append("\n\n")
			.append("| target | p99 limit | max sustainable rate (mean) | repetitions | spread | p50 / p99 at max | p99 at half rate | CPU s per 1 000 requests |\n")
			.append("|---|---|---|---|---|---|---|---|\n");
		RateSearch.Step best = outcome.best();
		LoadGen.Result half = outcome.half();
		this.markdown.append("| %s | %.0f ms | **%.0f /s** | %s | %.1f %% | %s | %s | %s |%n".formatted(outcome.name(),
				outcome.p99LimitMillis(), outcome.maxRate(), repetitions(outcome), 100 * outcome.spread(),
				(best != null) ? "%.2f / %.2f ms".formatted(best.result().p50(), best.result().p99()) : "–",
				(half != null) ? "%.2f ms (at %.0f /s)".formatted(half.p99(), half.offeredRate()) : "–",
				(best != null) ? cpu(best.cpuPerThousand()) : "–"))
			.append("\nSteps: ").append(steps(outcome)).append("\n\n");
	}

	private static String repetitions(RateSearch.Outcome outcome) {
		return outcome.repetitions().stream().map((r) -> "%.0f".formatted(r.maxRate())).collect(Collectors.joining(", "));
	}

	private static String steps(RateSearch.Outcome outcome) {
		StringBuilder steps = new StringBuilder();
		for (int r = 0; r < outcome.repetitions().size(); r++) {
			steps.append("rep ").append(r + 1).append(": ");
			outcome.repetitions().get(r).steps().forEach((step) -> steps.append("%.0f → %.1f ms, %.2f %%; ".formatted(
					step.result().offeredRate(), step.result().p99(), 100 * step.result().errorRatio())));
		}
		return steps.toString();
	}

	/** Processes that used at least 3 % of the total, biggest first (the rest is idle background). */
	private static String cpu(Map<String, Double> perThousand) {
		double total = perThousand.values().stream().mapToDouble(Double::doubleValue).sum();
		return perThousand.entrySet().stream()
			.filter((e) -> e.getValue() >= 0.03 * total)
			.sorted(Map.Entry.<String, Double>comparingByValue().reversed())
			.map((e) -> "%s %.3f".formatted(e.getKey(), e.getValue()))
			.collect(Collectors.joining(", "));
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
