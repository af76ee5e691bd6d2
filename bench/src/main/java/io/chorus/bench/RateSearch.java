package io.chorus.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Finds the highest offered rate a target sustains: rates go up step by step, and a step passes
 * when errors (failures, timeouts, refusals) stay within {@code maxErrorRatio} and p99 — measured
 * from the intended send times — within {@code p99Limit}. The search stops at the first failing
 * step.
 */
final class RateSearch {

	private final OpenLoop loop;

	private final Duration warmup;

	private final Duration step;

	private final double p99LimitMillis;

	private final double maxErrorRatio;

	RateSearch(OpenLoop loop, Duration warmup, Duration step, double p99LimitMillis, double maxErrorRatio) {
		this.loop = loop;
		this.warmup = warmup;
		this.step = step;
		this.p99LimitMillis = p99LimitMillis;
		this.maxErrorRatio = maxErrorRatio;
	}

	Outcome search(String name, List<Double> rates, LongFunction<Mono<Boolean>> request) {
		List<OpenLoop.Result> steps = new ArrayList<>();
		OpenLoop.Result best = null;
		if (!this.warmup.isZero()) {
			System.out.println(this.loop.run(name + " (warm-up)", rates.get(0), this.warmup, request).line());
		}
		for (double rate : rates) {
			OpenLoop.Result result = this.loop.run(name, rate, this.step, request);
			steps.add(result);
			System.out.println(result.line());
			if (!sustains(result)) {
				break;
			}
			best = result;
		}
		return new Outcome(name, this.p99LimitMillis, best, steps);
	}

	boolean sustains(OpenLoop.Result result) {
		return result.errorRatio() <= this.maxErrorRatio && result.p99() <= this.p99LimitMillis;
	}

	/** The highest passing step ({@code null} if even the first failed) and every step run. */
	record Outcome(String name, double p99LimitMillis, OpenLoop.@Nullable Result best, List<OpenLoop.Result> steps) {

		double maxRate() {
			return (this.best != null) ? this.best.offeredRate() : 0;
		}

	}

}
