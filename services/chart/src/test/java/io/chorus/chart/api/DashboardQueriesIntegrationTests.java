package io.chorus.chart.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.chorus.chart.testing.IntegrationTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart's golden-signals dashboard (charts/chorus/dashboards) against what a running service
 * really exports on /actuator/prometheus: every metric a panel or variable queries exists, every
 * label it filters or groups by is on that metric, and rate()/increase() only ever read counters
 * or histogram series, never a gauge. Chart is the cheapest service to boot (Redis and Kafka).
 */
class DashboardQueriesIntegrationTests extends IntegrationTestBase {

	private static final Path DASHBOARD = Path.of(System.getProperty("user.dir"))
		.resolve("../../charts/chorus/dashboards/golden-signals.json")
		.normalize();

	private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^}]*)\\}");

	private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)");

	private static final Pattern BY = Pattern.compile("\\bby\\s*\\(([^)]*)\\)\\s*\\(");

	private static final Pattern RATE = Pattern.compile("\\b(rate|irate|increase)\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)");

	private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*,\\s*(\\w+)\\s*\\)");

	@Value("${local.management.port}")
	int managementPort;

	/** Metric name → the label names its samples carry, and family name → its # TYPE. */
	record Scrape(Map<String, Set<String>> labels, Map<String, String> types) {

		static Scrape parse(String text) {
			Map<String, Set<String>> labels = new HashMap<>();
			Map<String, String> types = new HashMap<>();
			for (String line : text.split("\n")) {
				if (line.startsWith("# TYPE ")) {
					String[] parts = line.split(" ");
					types.put(parts[2], parts[3]);
				}
				else if (!line.isBlank() && !line.startsWith("#")) {
					int brace = line.indexOf('{');
					String name = (brace > 0) ? line.substring(0, brace) : line.substring(0, line.indexOf(' '));
					Set<String> names = labels.computeIfAbsent(name, (n) -> new HashSet<>());
					if (brace > 0) {
						Matcher label = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"").matcher(line.substring(brace, line.lastIndexOf('}')));
						while (label.find()) {
							names.add(label.group(1));
						}
					}
				}
			}
			return new Scrape(labels, types);
		}

		String typeOf(String metric) {
			for (String suffix : List.of("", "_bucket", "_count", "_sum", "_total", "_max")) {
				if (metric.endsWith(suffix) && this.types.containsKey(metric.substring(0, metric.length() - suffix.length()))) {
					return this.types.get(metric.substring(0, metric.length() - suffix.length()));
				}
			}
			return "unknown";
		}

	}

	@Test
	void everyDashboardQueryResolvesAgainstTheMetricsTheServiceExports() throws Exception {
		// One request of each outcome the panels split by, so the HTTP series exist.
		this.http.get().uri("/api/charts/daily?date=2027-01-05").exchange().expectStatus().isOk();
		this.http.get().uri("/api/charts/daily?date=not-a-date").exchange().expectStatus().isBadRequest();
		String text = this.http.get()
			.uri("http://127.0.0.1:" + this.managementPort + "/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		Scrape scrape = Scrape.parse(text);

		JsonNode dashboard = JsonMapper.shared().readTree(Files.readString(DASHBOARD));
		List<String> queries = new ArrayList<>();
		dashboard.path("panels").forEach((panel) -> panel.path("targets").forEach((t) -> queries.add(t.path("expr").asString())));
		assertThat(queries).as("panel queries").hasSizeGreaterThanOrEqualTo(6);
		List<String> problems = new ArrayList<>();
		for (String query : queries) {
			Matcher selector = SELECTOR.matcher(query);
			boolean any = false;
			while (selector.find()) {
				any = true;
				String metric = selector.group(1);
				Set<String> exported = scrape.labels().get(metric);
				if (exported == null) {
					problems.add(metric + " is not exported (" + query + ")");
					continue;
				}
				Matcher matcher = MATCHER.matcher(selector.group(2));
				while (matcher.find()) {
					if (!exported.contains(matcher.group(1))) {
						problems.add(metric + " has no label " + matcher.group(1) + " (has " + exported + ")");
					}
				}
			}
			assertThat(any).as("a metric selector in " + query).isTrue();
			// Every label a query groups by is on every metric it aggregates.
			Matcher by = BY.matcher(query);
			while (by.find()) {
				String rest = query.substring(by.end());
				Matcher inner = SELECTOR.matcher(rest);
				if (inner.find()) {
					Set<String> exported = scrape.labels().getOrDefault(inner.group(1), Set.of());
					for (String label : by.group(1).split(",")) {
						if (!exported.contains(label.strip())) {
							problems.add(inner.group(1) + " cannot be grouped by " + label.strip() + " (has " + exported + ")");
						}
					}
				}
			}
			Matcher rate = RATE.matcher(query);
			while (rate.find()) {
				String type = scrape.typeOf(rate.group(2));
				if (!type.equals("counter") && !type.equals("histogram")) {
					problems.add(rate.group(1) + "() of " + rate.group(2) + ", a " + type);
				}
			}
		}
		dashboard.path("templating").path("list").forEach((variable) -> {
			Matcher values = LABEL_VALUES.matcher(variable.path("query").asString(""));
			if (values.find() && !scrape.labels().getOrDefault(values.group(1), Set.of()).contains(values.group(2))) {
				problems.add("variable " + variable.path("name").asString() + ": " + values.group(1) + " has no label " + values.group(2));
			}
		});
		assertThat(problems).isEmpty();
		// The service is found by its own name, as the panels' $service filter expects.
		assertThat(text).contains("application=\"chart\"");
	}

}
