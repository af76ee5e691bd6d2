package io.chorus.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Finds the highest offered rate a target sustains, by bisection. A step passes when errors stay
 * within {@code maxErrorRatio} and p99 — measured from the intended send times — within
 * {@code p99Limit}.
 *
 * <ol>
 * <li>Warm-up: windows at a moderate rate until two consecutive medians agree within 10 % (the
 * JIT has settled), at most {@code maxWarmup}.</li>
 * <li>Bracket: a 5 s closed-loop probe gives the capacity C; the search starts
 * between 0.25 C (halved until it passes) and 1.2 C.</li>
 * <li>Bisection: steps of {@code step} each, until the bracket is narrower than
 * {@code precision} of its upper end or {@code maxSteps} ran.</li>
 * <li>Repetitions: the bisection runs {@code repetitions} times; the report gives each result and
 * their spread.</li>
 * <li>At half the mean max rate, one more step: the p99 a target shows with headroom.</li>
 * </ol>
 * CPU seconds per process are read around the best passing step of the first repetition.
 */
final class RateSearch {

	private final LoadGen engine;

	private final CpuMeter cpu;

	private final Settings settings;

	RateSearch(LoadGen engine, CpuMeter cpu, Settings settings) {
		this.engine = engine;
		this.cpu = cpu;
		this.settings = settings;
	}

	/**
	 * @param step          length of a measured step (the method asks for at least 20 s)
	 * @param warmupWindow  length of one warm-up window
	 * @param maxWarmup     warm-up gives up (and says so) after this long
	 * @param p99LimitMillis a step passes with p99 at most this
	 * @param maxErrorRatio  and at most this share of errors
	 * @param repetitions   how many times the bisection runs
	 * @param maxSteps      bisection steps per repetition
	 * @param precision     stop when (high - low) / high is below this
	 */
	record Settings(Duration step, Duration warmupWindow, Duration maxWarmup, double p99LimitMillis,
			double maxErrorRatio, int repetitions, int maxSteps, double precision) {

		Settings withP99Limit(double millis) {
			return new Settings(this.step, this.warmupWindow, this.maxWarmup, millis, this.maxErrorRatio,
					this.repetitions, this.maxSteps, this.precision);
		}

	}

	Outcome search(LoadGen.Target target, double warmupRate) {
		int warmupWindows = warmUp(target, warmupRate);
		LoadGen.Result probe = this.engine.closedLoop(target, Duration.ofSeconds(5));
		System.out.println(probe.line().replace(target.name(), target.name() + " (closed-loop capacity probe)"));
		double capacity = Math.max(1, probe.okRate());
		List<Repetition> repetitions = new ArrayList<>();
		for (int r = 0; r < this.settings.repetitions(); r++) {
			repetitions.add(bisect(target, capacity, r == 0));
		}
		double mean = repetitions.stream().mapToDouble(Repetition::maxRate).average().orElse(0);
		LoadGen.Result half = null;
		if (mean > 0) {
			half = this.engine.run(target, mean / 2, this.settings.step());
			System.out.println(half.line().replace(target.name(), target.name() + " (half rate)"));
		}
		return new Outcome(target.name(), this.settings.p99LimitMillis(), warmupWindows, capacity, repetitions, half);
	}

	/** Runs windows until two consecutive medians agree within 10 %; returns how many ran. */
	private int warmUp(LoadGen.Target target, double rate) {
		long windows = Math.max(2, this.settings.maxWarmup().toMillis() / this.settings.warmupWindow().toMillis());
		double previous = -1;
		for (int i = 1; i <= windows; i++) {
			LoadGen.Result window = this.engine.run(target, rate, this.settings.warmupWindow());
			System.out.println(window.line().replace(target.name(), target.name() + " (warm-up " + i + ")"));
			if (previous > 0 && window.errors() == 0 && Math.abs(window.p50() - previous) <= 0.1 * previous) {
				return i;
			}
			previous = window.p50();
		}
		System.out.println(target.name() + ": still not stable after the longest warm-up; measuring anyway");
		return -1;
	}

	private Repetition bisect(LoadGen.Target target, double capacity, boolean measureCpu) {
		List<Step> steps = new ArrayList<>();
		double low = capacity / 4;
		double high = capacity * 1.2;
		Step best = null;
		// The low end must pass; halve it until it does (or give up near nothing).
		while (best == null && low >= 1) {
			Step step = step(target, low, measureCpu);
			steps.add(step);
			if (step.passed()) {
				best = step;
			}
			else {
				high = low;
				low = low / 2;
			}
		}
		while (best != null && steps.size() < this.settings.maxSteps()
				&& (high - low) / high > this.settings.precision()) {
			double middle = (low + high) / 2;
			Step step = step(target, middle, measureCpu);
			steps.add(step);
			if (step.passed()) {
				low = middle;
				best = step;
			}
			else {
				high = middle;
			}
		}
		return new Repetition(best, steps);
	}

	private Step step(LoadGen.Target target, double rate, boolean measureCpu) {
		Map<String, Double> before = measureCpu ? this.cpu.snapshot() : Map.of();
		LoadGen.Result result = this.engine.run(target, rate, this.settings.step());
		Map<String, Double> used = measureCpu ? CpuMeter.delta(before, this.cpu.snapshot()) : Map.of();
		Map<String, Double> perThousand = new LinkedHashMap<>();
		if (result.ok() > 0) {
			used.forEach((process, seconds) -> perThousand.put(process, seconds * 1000 / result.ok()));
			perThousand.put("loadgen", result.generatorCpuSeconds() * 1000 / result.ok());
		}
		boolean passed = result.errorRatio() <= this.settings.maxErrorRatio()
				&& result.p99() <= this.settings.p99LimitMillis();
		System.out.println(result.line() + (passed ? "  pass" : "  FAIL"));
		return new Step(result, passed, perThousand);
	}

	/** One measured step; {@code cpuPerThousand}: CPU seconds per 1 000 answered requests by process. */
	record Step(LoadGen.Result result, boolean passed, Map<String, Double> cpuPerThousand) {
	}

	/** One bisection: its best passing step ({@code null} if none) and every step it ran. */
	record Repetition(@Nullable Step best, List<Step> steps) {

		double maxRate() {
			return (this.best != null) ? this.best.result().offeredRate() : 0;
		}

	}

	/**
	 * Everything measured for one target. {@code warmupWindows} is -1 when the warm-up never
	 * settled; {@code half} is the step at half the mean max rate.
	 */
	record Outcome(String name, double p99LimitMillis, int warmupWindows, double capacity,
			List<Repetition> repetitions, LoadGen.@Nullable Result half) {

		double maxRate() {
			return this.repetitions.stream().mapToDouble(Repetition::maxRate).average().orElse(0);
		}

		/** (max − min) / mean of the repetitions' max rates. */
		double spread() {
			double max = this.repetitions.stream().mapToDouble(Repetition::maxRate).max().orElse(0);
			double min = this.repetitions.stream().mapToDouble(Repetition::maxRate).min().orElse(0);
			double mean = maxRate();
			return (mean > 0) ? (max - min) / mean : 0;
		}

		@Nullable Step best() {
			return this.repetitions.isEmpty() ? null : this.repetitions.get(0).best();
		}

	}

}
