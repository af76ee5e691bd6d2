package io.chorus.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import reactor.core.publisher.Mono;

/**
 * Constant-arrival-rate load: request {@code i} is due at {@code start + i / rate}, whether or not
 * earlier requests have answered, and its latency is measured from that intended time, not from
 * when it was actually sent. A stalled server or a full connection pool therefore shows up as
 * latency instead of silently lowering the offered rate (coordinated omission).
 *
 * <p>The pacing thread only schedules: each request is a non-blocking {@link Mono} on the
 * client's event loops. A request still unanswered after {@code timeout} counts as an error, and
 * so does one that would exceed {@code maxInFlight} (the generator refuses to queue without bound).
 */
final class OpenLoop {

	private final Duration timeout;

	private final int maxInFlight;

	OpenLoop(Duration timeout, int maxInFlight) {
		this.timeout = timeout;
		this.maxInFlight = maxInFlight;
	}

	/**
	 * Offers {@code ratePerSecond} for {@code duration}; {@code request} maps a sequence number to
	 * a call that emits {@code true} on success.
	 */
	Result run(String name, double ratePerSecond, Duration duration, LongFunction<Mono<Boolean>> request) {
		long intervalNanos = (long) (TimeUnit.SECONDS.toNanos(1) / ratePerSecond);
		long total = Math.max(1, (long) (ratePerSecond * duration.toNanos() / 1e9));
		Recorder recorder = new Recorder(TimeUnit.SECONDS.toNanos(60), 3);
		AtomicLong ok = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		AtomicLong inFlight = new AtomicLong();
		AtomicLong done = new AtomicLong();
		long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
		for (long i = 0; i < total; i++) {
			long intended = start + i * intervalNanos;
			for (long wait = intended - System.nanoTime(); wait > 0; wait = intended - System.nanoTime()) {
				LockSupport.parkNanos(wait);
			}
			if (inFlight.get() >= this.maxInFlight) {
				failed.incrementAndGet();
				done.incrementAndGet();
				continue;
			}
			inFlight.incrementAndGet();
			Mono<Boolean> call;
			try {
				call = request.apply(i);
			}
			catch (RuntimeException ex) {
				call = Mono.error(ex);
			}
			call.timeout(this.timeout).onErrorReturn(false).defaultIfEmpty(false).subscribe((success) -> {
				recorder.recordValue(Math.min(System.nanoTime() - intended, TimeUnit.SECONDS.toNanos(60)));
				(success ? ok : failed).incrementAndGet();
				inFlight.decrementAndGet();
				done.incrementAndGet();
			});
		}
		long deadline = System.nanoTime() + this.timeout.toNanos() + TimeUnit.SECONDS.toNanos(1);
		while (done.get() < total && System.nanoTime() < deadline) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
		}
		Histogram histogram = recorder.getIntervalHistogram();
		long unanswered = total - done.get();
		return new Result(name, ratePerSecond, duration.toMillis() / 1000.0, total, ok.get(), failed.get() + unanswered,
				ok.get() / (total * intervalNanos / 1e9), millis(histogram.getValueAtPercentile(50)),
				millis(histogram.getValueAtPercentile(90)), millis(histogram.getValueAtPercentile(99)),
				millis(histogram.getValueAtPercentile(99.9)), millis(histogram.getMaxValue()), histogram.getTotalCount());
	}

	private static double millis(long nanos) {
		return Math.round(nanos / 1e4) / 100.0;
	}

	/**
	 * One run at one offered rate. Latencies in milliseconds from the intended send time;
	 * {@code okRate} = successful answers per second of the schedule; {@code recorded} = answered
	 * requests (their latencies are in the percentiles).
	 */
	record Result(String name, double offeredRate, double seconds, long sent, long ok, long errors, double okRate,
			double p50, double p90, double p99, double p999, double max, long recorded) {

		double errorRatio() {
			return (this.sent == 0) ? 0 : (double) this.errors / this.sent;
		}

		String line() {
			return "%-28s offered %7.0f/s  ok %7.0f/s  errors %5.2f%%  p50 %7.2f  p90 %7.2f  p99 %7.2f  p99.9 %7.2f  max %7.2f ms"
				.formatted(this.name, this.offeredRate, this.okRate, 100 * errorRatio(), this.p50, this.p90, this.p99,
						this.p999, this.max);
		}

	}

}
