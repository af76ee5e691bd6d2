package io.chorus.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Waits until the event pipeline has caught up with the seeding (every outbox drained, every
 * consumer's lag gone), so a scenario measures its own load and not the seeding's backlog of
 * fan-outs, notifications and index updates. Reads the services' Prometheus endpoints.
 */
final class Quiesce {

	// A consumer whose partition ends in a transaction marker reports a lag of 1 when idle: the
	// marker occupies an offset but is not a record (see the starter's known limits).
	private static final double IDLE_LAG = 1;

	private final Prometheus prometheus = new Prometheus();

	/** Answers whether the pipeline caught up within {@code timeout}. */
	boolean await(List<String> managementUrls, Duration timeout) throws InterruptedException {
		long start = System.nanoTime();
		int idleSamples = 0;
		while (System.nanoTime() - start < timeout.toNanos()) {
			List<String> busy = busy(managementUrls);
			idleSamples = busy.isEmpty() ? idleSamples + 1 : 0;
			if (!busy.isEmpty()) {
				System.out.printf("quiesce: %d s, still busy: %s%n",
						Duration.ofNanos(System.nanoTime() - start).toSeconds(), String.join(", ", busy));
			}
			// Lag gauges are sampled every 10 s: two idle readings 11 s apart are two samplings.
			if (idleSamples >= 2) {
				System.out.printf("quiesce: the event pipeline caught up with the seeding after %d s%n",
						Duration.ofNanos(System.nanoTime() - start).toSeconds());
				return true;
			}
			Thread.sleep(11_000);
		}
		System.out.printf("quiesce: still busy after %s; measuring anyway%n", timeout);
		return false;
	}

	/** What is still catching up, e.g. {@code :9086 activity <- member.events 5123}; empty when idle. */
	private List<String> busy(List<String> managementUrls) throws InterruptedException {
		Map<String, Double> behind = new TreeMap<>();
		for (String url : managementUrls) {
			String port = url.substring(url.lastIndexOf(':'));
			for (String line : this.prometheus.lines(url).orElse(List.of())) {
				if (line.startsWith("chorus_consumer_lag{") && Prometheus.value(line) > IDLE_LAG) {
					behind.merge(port + " " + Prometheus.label(line, "group") + " <- " + Prometheus.label(line, "topic"),
							Prometheus.value(line), Double::sum);
				}
				if (line.startsWith("chorus_outbox_backlog ") && Prometheus.value(line) > 0) {
					behind.merge(port + " outbox", Prometheus.value(line), Double::sum);
				}
			}
		}
		return behind.entrySet().stream().map((e) -> e.getKey() + " " + e.getValue().longValue()).toList();
	}

}
