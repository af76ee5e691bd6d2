package io.chorus.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the services' {@code /actuator/prometheus} text on their management ports. */
final class Prometheus {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	/** The metric lines of one service, or empty when it does not answer (not running). */
	Optional<List<String>> lines(String managementUrl) throws InterruptedException {
		try {
			String text = this.http
				.send(HttpRequest.newBuilder(URI.create(managementUrl + "/actuator/prometheus")).build(),
						HttpResponse.BodyHandlers.ofString())
				.body();
			return Optional.of(text.lines().filter((line) -> !line.startsWith("#")).toList());
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/** The sum of every sample named {@code name} (any labels) across {@code managementUrls}. */
	double sum(List<String> managementUrls, String name) throws InterruptedException {
		double sum = 0;
		for (String url : managementUrls) {
			for (String line : lines(url).orElse(List.of())) {
				if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
					sum += value(line);
				}
			}
		}
		return sum;
	}

	static double value(String line) {
		return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
	}

	static String label(String line, String name) {
		Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(line);
		return m.find() ? m.group(1) : "?";
	}

}
