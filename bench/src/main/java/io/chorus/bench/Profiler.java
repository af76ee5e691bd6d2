package io.chorus.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a JVM's CPU goes during a step: JFR ({@code settings=profile}) is started in the target
 * process with {@code jcmd}, stopped after the step, and its {@code jdk.ExecutionSample} events are
 * read with {@code jfr print}. A sample is charged to the first library category of
 * {@link #CATEGORIES} that appears anywhere in its stack (inclusive time: "54 % in signature
 * crypto" means 54 % of the samples had such a frame somewhere); a sample in none of them is
 * charged by its top frame to the Netty, Reactor, Spring or other share (self time: every event
 * loop stack has Netty at its bottom, so those are only told apart by where the CPU actually was).
 */
final class Profiler {

	/** Category → frame prefixes, in priority order. */
	static final Map<String, List<String>> CATEGORIES = categories();

	private final Path jdkBin;

	Profiler() {
		this.jdkBin = Path.of(System.getProperty("java.home"), "bin");
	}

	private static Map<String, List<String>> categories() {
		Map<String, List<String>> categories = new LinkedHashMap<>();
		categories.put("signature crypto", List.of("sun.security.ec", "sun.security.rsa", "sun.security.util.math",
				"com.nimbusds.jose.crypto"));
		categories.put("observation/tracing/context propagation", List.of("io.micrometer", "io.opentelemetry",
				"reactor.core.publisher.ContextPropagation", "io.micrometer.context"));
		categories.put("JSON", List.of("tools.jackson", "com.fasterxml.jackson"));
		categories.put("Redis client", List.of("io.lettuce"));
		categories.put("Mongo driver", List.of("com.mongodb"));
		categories.put("SQL driver", List.of("io.asyncer", "io.r2dbc"));
		categories.put("Kafka", List.of("org.apache.kafka", "reactor.kafka"));
		return categories;
	}

	/** Top-frame (self time) shares for samples in no library category, in this order. */
	static final Map<String, List<String>> SELF = self();

	private static Map<String, List<String>> self() {
		Map<String, List<String>> self = new LinkedHashMap<>();
		self.put("Netty I/O (self)", List.of("io.netty", "reactor.netty", "sun.nio"));
		self.put("Reactor operators (self)", List.of("reactor.core"));
		self.put("Spring (self)", List.of("org.springframework"));
		return self;
	}

	/** Every column a profile has, in report order. */
	static List<String> columns() {
		List<String> columns = new java.util.ArrayList<>(CATEGORIES.keySet());
		columns.addAll(SELF.keySet());
		columns.add("other");
		return columns;
	}

	/** Starts a recording named {@code chorus-bench} in {@code pid}. */
	void start(long pid) {
		run(List.of(this.jdkBin.resolve("jcmd").toString(), Long.toString(pid), "JFR.start", "name=chorus-bench",
				"settings=profile"));
	}

	/** Stops the recording and answers the share of samples per category (0–1), plus "samples". */
	Map<String, Double> stop(long pid) {
		try {
			Path file = Files.createTempFile("chorus-bench-" + pid, ".jfr");
			run(List.of(this.jdkBin.resolve("jcmd").toString(), Long.toString(pid), "JFR.stop", "name=chorus-bench",
					"filename=" + file));
			String printed = run(List.of(this.jdkBin.resolve("jfr").toString(), "print", "--events",
					"jdk.ExecutionSample", "--stack-depth", "96", file.toString()));
			Files.deleteIfExists(file);
			return summarize(printed);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Map<String, Double> summarize(String printed) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		columns().forEach((category) -> counts.put(category, 0));
		int samples = 0;
		for (String event : printed.split("jdk.ExecutionSample \\{")) {
			int stack = event.indexOf("stackTrace = [");
			if (stack < 0) {
				continue;
			}
			samples++;
			String frames = event.substring(stack);
			String charged = null;
			for (Map.Entry<String, List<String>> category : CATEGORIES.entrySet()) {
				if (category.getValue().stream().anyMatch((prefix) -> frames.contains("\n    " + prefix))) {
					charged = category.getKey();
					break;
				}
			}
			if (charged == null) {
				String top = topFrame(frames);
				charged = SELF.entrySet().stream()
					.filter((category) -> category.getValue().stream().anyMatch(top::startsWith))
					.map(Map.Entry::getKey)
					.findFirst()
					.orElse("other");
			}
			counts.merge(charged, 1, Integer::sum);
		}
		Map<String, Double> shares = new LinkedHashMap<>();
		int total = samples;
		counts.forEach((category, count) -> shares.put(category, (total == 0) ? 0 : (double) count / total));
		shares.put("samples", (double) samples);
		return shares;
	}

	private static String topFrame(String frames) {
		int start = frames.indexOf("\n    ");
		if (start < 0) {
			return "";
		}
		int end = frames.indexOf('\n', start + 1);
		return frames.substring(start + 5, (end < 0) ? frames.length() : end).strip();
	}

	private static String run(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (process.waitFor() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
			}
			return output;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
