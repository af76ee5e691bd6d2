package io.chorus.charts;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a real cluster needs before anything answers: images that exist, a kind profile that fits
 * a CI runner, heap headroom under the memory limit, store start-up that is not killed half-way,
 * and services that wait (boundedly) for MySQL instead of crash-looping.
 */
class StartupAndCapacityTests {

	static final List<List<String>> PROFILES = List.of(List.of(), List.of("ci/kind-values.yaml"),
			List.of("ci/minimal-values.yaml"), List.of("ci/canary-values.yaml"));

	static long mebibytes(String quantity) {
		Matcher m = Pattern.compile("^(\\d+)(Mi|Gi)$").matcher(quantity);
		assertThat(m.matches()).as(quantity).isTrue();
		return Long.parseLong(m.group(1)) * (m.group(2).equals("Gi") ? 1024 : 1);
	}

	static long millicores(String quantity) {
		return quantity.endsWith("m") ? Long.parseLong(quantity.substring(0, quantity.length() - 1))
				: Math.round(Double.parseDouble(quantity) * 1000);
	}

	@Test
	void anInstallWithoutAnImageRegistryOrTagFailsSayingWhatToSet() {
		assertThatThrownBy(() -> Charts.renderText(Charts.CHART, List.of(), Map.of(), false))
			.hasMessageContaining("is required: the")
			.hasMessageContaining("images.yml pushes");
		assertThatThrownBy(() -> Charts.renderText(Charts.CHART, List.of(), Map.of("global.imageTag", "3f2c1ab"), false))
			.hasMessageContaining("global.imageRegistry is required");
		assertThatThrownBy(
				() -> Charts.renderText(Charts.CHART, List.of(), Map.of("global.imageRegistry", "ghcr.io/acme"), false))
			.hasMessageContaining("global.imageTag is required");
		List<JsonNode> docs = Charts.parse(Charts.renderText(Charts.CHART, List.of(),
				Map.of("global.imageRegistry", "ghcr.io/acme", "global.imageTag", "3f2c1ab"), false));
		assertThat(Charts.named(docs, "Deployment", "member").at("/spec/template/spec/containers/0/image").asText())
			.isEqualTo("ghcr.io/acme/member:3f2c1ab");
		// The kind profile names its local images; the installer adds the tag.
		List<JsonNode> kind = Charts.parse(Charts.renderText(Charts.CHART, List.of("ci/kind-values.yaml"),
				Map.of("global.imageTag", "abc123"), false));
		assertThat(Charts.named(kind, "Deployment", "member").at("/spec/template/spec/containers/0/image").asText())
			.isEqualTo("chorus/member:abc123");
	}

	@Test
	void theKindProfileRunsOneReplicaOfEachServiceWithinARunnersBudget() {
		List<JsonNode> docs = Charts.render(List.of("ci/kind-values.yaml"), Map.of());
		assertThat(Charts.ofKind(docs, "HorizontalPodAutoscaler")).isEmpty();
		assertThat(Charts.ofKind(docs, "Deployment")).hasSize(ChartRenderingTests.ALL_SERVICES.size())
			.allSatisfy((d) -> assertThat(d.at("/spec/replicas").asInt()).as(Charts.id(d)).isEqualTo(1));
		long cpu = 0;
		long memory = 0;
		for (JsonNode w : Stream.concat(Charts.ofKind(docs, "Deployment"), Charts.ofKind(docs, "StatefulSet")).toList()) {
			for (JsonNode c : w.at("/spec/template/spec/containers")) {
				cpu += millicores(c.at("/resources/requests/cpu").asText());
				memory += mebibytes(c.at("/resources/requests/memory").asText());
			}
		}
		// README's "what a kind run needs": Chorus and its stores request at most 1.5 CPU and 6 GiB
		// (sidecars, Istio and Prometheus come on top, within a 4-CPU / 16-GiB runner).
		assertThat(cpu).as("CPU requested (m)").isLessThanOrEqualTo(1500);
		assertThat(memory).as("memory requested (Mi)").isLessThanOrEqualTo(6 * 1024);
	}

	@Test
	void theHeapLeavesAtLeast256MiBesideItUnderTheMemoryLimit() {
		for (List<String> profile : PROFILES) {
			Charts.ofKind(Charts.render(profile, Map.of()), "Deployment").forEach((d) -> {
				JsonNode c = d.at("/spec/template/spec/containers/0");
				long limit = mebibytes(c.at("/resources/limits/memory").asText());
				String options = "";
				for (JsonNode env : c.path("env")) {
					if (env.path("name").asText().equals("JAVA_TOOL_OPTIONS")) {
						options = env.path("value").asText();
					}
				}
				Matcher pct = Pattern.compile("-XX:MaxRAMPercentage=(\\d+)").matcher(options);
				assertThat(pct.find()).as(profile + " " + Charts.id(d) + " " + options).isTrue();
				long nonHeap = limit * (100 - Integer.parseInt(pct.group(1))) / 100;
				// Metaspace, code cache, thread stacks and Netty's direct buffers live outside the heap.
				assertThat(nonHeap).as(profile + " " + Charts.id(d) + ": MiB beside the heap").isGreaterThanOrEqualTo(256);
			});
		}
	}

	@Test
	void servicesWaitForMysqlWithinTheirStartupBudgetInsteadOfCrashLooping() {
		for (List<String> profile : PROFILES) {
			Charts.ofKind(Charts.render(profile, Map.of()), "Deployment").forEach((d) -> {
				JsonNode c = d.at("/spec/template/spec/containers/0");
				Map<String, JsonNode> env = DataStoreAccessTests.env(d);
				if (!env.containsKey("SPRING_FLYWAY_URL")) {
					return;
				}
				String id = profile + " " + Charts.id(d);
				int retries = Integer.parseInt(env.get("SPRING_FLYWAY_CONNECT_RETRIES").path("value").asText());
				String interval = env.get("SPRING_FLYWAY_CONNECT_RETRIES_INTERVAL").path("value").asText();
				assertThat(interval).endsWith("s");
				int max = Integer.parseInt(interval.substring(0, interval.length() - 1));
				assertThat(retries).as(id + ": waits for MySQL").isGreaterThanOrEqualTo(5);
				// Flyway sleeps 1 s, doubling up to the interval, between attempts.
				long wait = 0;
				for (int i = 0; i < retries; i++) {
					wait += Math.min(1L << Math.min(i, 20), max);
				}
				long startup = c.at("/startupProbe/periodSeconds").asLong() * c.at("/startupProbe/failureThreshold").asLong();
				assertThat(wait).as(id + ": MySQL wait budget, s").isGreaterThanOrEqualTo(60);
				// Two minutes left for the JVM to start on a busy node after the wait.
				assertThat(startup - wait).as(id + ": startup probe budget beyond the wait, s").isGreaterThanOrEqualTo(120);
			});
		}
	}

	@Test
	void mysqlAndMongoAreNotKilledDuringFirstStartInitialisation() {
		List<JsonNode> docs = Charts.render(List.of(), Map.of());
		for (String store : List.of("mysql", "mongodb")) {
			JsonNode c = Charts.named(docs, "StatefulSet", store).at("/spec/template/spec/containers/0");
			JsonNode startup = c.path("startupProbe");
			assertThat(startup.isObject()).as(store + " startup probe").isTrue();
			assertThat(startup.path("periodSeconds").asInt() * startup.path("failureThreshold").asInt())
				.as(store + ": first start may take up to, s")
				.isGreaterThanOrEqualTo(600);
			assertThat(c.at("/livenessProbe/initialDelaySeconds").asInt(0)).as(store + ": gated by the startup probe").isZero();
			String probe = startup.at("/exec/command").toString();
			// Only the real server answers: MySQL's init server has networking off (TCP via -h
			// 127.0.0.1 fails), Mongo's binds 127.0.0.1 only (the pod address fails).
			assertThat(probe).as(store).contains(store.equals("mysql") ? "-h 127.0.0.1" : "--host \\\"$POD_IP\\\"");
			assertThat(c.at("/readinessProbe/exec/command").toString()).isEqualTo(probe);
		}
	}

}
