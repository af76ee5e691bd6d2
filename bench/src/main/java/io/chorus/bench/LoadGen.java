package io.chorus.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The open-loop engine: {@code bench/loadgen/loadgen.c} (C, epoll), run as its own process so it
 * takes little of the CPU it shares with what it measures. Request {@code i} is due at
 * {@code start + i / rate}; latency runs from that intended time (see the C file). This class
 * renders the requests, runs one step and reads the result.
 */
final class LoadGen {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Path binary;

	private final int connections;

	private final int threads;

	private final Duration timeout;

	LoadGen(Path binary, int connections, int threads, Duration timeout) {
		if (!Files.isExecutable(binary)) {
			throw new IllegalStateException(binary + " is not built: run bench/run.sh, or gcc -O2 -o " + binary
					+ " bench/loadgen/loadgen.c -lpthread -lm");
		}
		this.binary = binary;
		this.connections = connections;
		this.threads = threads;
		this.timeout = timeout;
	}

	/** A set of requests to send round robin, already rendered as HTTP/1.1 bytes. */
	record Target(String name, URI base, Path requests, int count) {
	}

	/** Renders {@code count} requests (request {@code i} from {@code request.apply(i)}) to a file. */
	static Target target(String name, String baseUrl, int count, LongFunction<Request> request) {
		URI base = URI.create(baseUrl);
		try {
			Path file = Files.createTempFile("loadgen-" + name.replaceAll("[^A-Za-z0-9]+", "-"), ".http");
			file.toFile().deleteOnExit();
			StringBuilder all = new StringBuilder();
			for (long i = 0; i < count; i++) {
				all.append(request.apply(i).render(base.getHost() + ":" + base.getPort())).append('\0');
			}
			Files.writeString(file, all, StandardCharsets.UTF_8);
			return new Target(name, base, file, count);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** One HTTP request; {@code body} is sent as JSON. */
	record Request(String method, String path, @Nullable String token, @Nullable String body) {

		static Request get(String path, @Nullable String token) {
			return new Request("GET", path, token, null);
		}

		static Request postJson(String path, @Nullable String token, Map<String, ?> body) {
			return new Request("POST", path, token, json.writeValueAsString(body));
		}

		String render(String host) {
			StringBuilder http = new StringBuilder(256).append(this.method).append(' ').append(this.path)
				.append(" HTTP/1.1\r\nHost: ").append(host).append("\r\nAccept: application/json\r\n");
			if (this.token != null) {
				http.append("Authorization: Bearer ").append(this.token).append("\r\n");
			}
			if (this.body != null) {
				byte[] bytes = this.body.getBytes(StandardCharsets.UTF_8);
				http.append("Content-Type: application/json\r\nContent-Length: ").append(bytes.length).append("\r\n\r\n")
					.append(this.body);
			}
			else {
				http.append("\r\n");
			}
			return http.toString();
		}

	}

	/** Offers {@code rate} requests per second for {@code duration}. */
	Result run(Target target, double rate, Duration duration) {
		return run(target, rate, duration, false);
	}

	/**
	 * Closed loop for {@code duration}: each connection sends again as soon as it is answered
	 * (wrk's method). A capacity probe; its latencies are service times, not open-loop latency.
	 */
	Result closedLoop(Target target, Duration duration) {
		return run(target, 1, duration, true);
	}

	private Result run(Target target, double rate, Duration duration, boolean closed) {
		List<String> command = new ArrayList<>(List.of(this.binary.toString(), "--host", target.base().getHost(),
				"--port", Integer.toString(target.base().getPort()), "--rate", Double.toString(rate), "--seconds",
				Double.toString(duration.toMillis() / 1000.0), "--connections", Integer.toString(this.connections),
				"--threads", Integer.toString(this.threads), "--requests", target.requests().toString(), "--timeout-ms",
				Long.toString(this.timeout.toMillis()), "--closed", closed ? "1" : "0"));
		try {
			Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
			int exit = process.waitFor();
			if (exit != 0 || output.isEmpty()) {
				throw new IllegalStateException("loadgen exited " + exit + ": " + output);
			}
			return Result.of(target.name(), json.readTree(output));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * One step at one offered rate. Latencies in ms from the intended send time; {@code okRate} =
	 * 2xx answers per second of the schedule; errors = scheduled minus 2xx (non-2xx, time-outs,
	 * broken connections); {@code generatorCpuSeconds} = what loadgen itself used.
	 */
	record Result(String name, double offeredRate, double seconds, long sent, long ok, long errors, double okRate,
			double p50, double p90, double p99, double p999, double max, double generatorCpuSeconds, long non2xx,
			long timeouts, long broken) {

		static Result of(String name, JsonNode node) {
			double seconds = node.get("seconds").asDouble();
			long scheduled = node.get("scheduled").asLong();
			long ok = node.get("ok").asLong();
			return new Result(name, node.get("offered").asDouble(), seconds, scheduled, ok, node.get("errors").asLong(),
					ok / seconds, node.get("p50").asLong() / 1000.0, node.get("p90").asLong() / 1000.0,
					node.get("p99").asLong() / 1000.0, node.get("p999").asLong() / 1000.0,
					node.get("max").asLong() / 1000.0, node.get("cpuMillis").asLong() / 1000.0,
					node.get("non2xx").asLong(), node.get("timeouts").asLong() + node.get("overflow").asLong(),
					node.get("readErrors").asLong());
		}

		double errorRatio() {
			return (this.sent == 0) ? 0 : (double) this.errors / this.sent;
		}

		String line() {
			String kinds = (this.errors == 0) ? ""
					: " (non-2xx %d, timed out %d, broken %d)".formatted(this.non2xx, this.timeouts, this.broken);
			return "%-34s offered %8.0f/s  ok %8.0f/s  errors %5.2f%%  p50 %7.2f  p90 %7.2f  p99 %7.2f  p99.9 %7.2f  max %8.2f ms%s"
				.formatted(this.name, this.offeredRate, this.okRate, 100 * errorRatio(), this.p50, this.p90, this.p99,
						this.p999, this.max, kinds);
		}

	}

}
