package io.chorus.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Waits until the event pipeline has caught up with the seeding (every outbox drained, every
 * consumer's lag gone), so a scenario measures its own load and not the seeding's backlog of
 * fan-outs, notifications and index updates. Reads the services' Prometheus endpoints.
 */
final class Quiesce {

	// A consumer whose partition ends in a transaction marker reports a lag of 1 when idle: the
	// marker occupies an offset but is not a record (see the starter's known limits).
	private static final double IDLE_LAG = 1;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

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

	/** What is still catching up, e.g. {@code :9086 activity ← member.events 5123}; empty when idle. */
	private List<String> busy(List<String> managementUrls) throws InterruptedException {
		Map<String, Double> behind = new TreeMap<>();
		for (String url : managementUrls) {
			String metrics;
			try {
				metrics = this.http.send(HttpRequest.newBuilder(URI.create(url + "/actuator/prometheus")).build(),
						HttpResponse.BodyHandlers.ofString()).body();
			}
			catch (IOException ex) {
				continue; // a service that is not running has nothing to catch up with
			}
			String port = url.substring(url.lastIndexOf(':'));
			for (String line : metrics.split("\n")) {
				if (line.startsWith("chorus_consumer_lag{") && value(line) > IDLE_LAG) {
					behind.merge(port + " " + label(line, "group") + " <- " + label(line, "topic"), value(line),
							Double::sum);
				}
				if (line.startsWith("chorus_outbox_backlog ") && value(line) > 0) {
					behind.merge(port + " outbox", value(line), Double::sum);
				}
			}
		}
		return behind.entrySet().stream().map((e) -> e.getKey() + " " + e.getValue().longValue()).toList();
	}

	private static String label(String line, String name) {
		Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(line);
		return m.find() ? m.group(1) : "?";
	}

	private static double value(String line) {
		return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
	}

}
