package io.chorus.charts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The umbrella chart rendered with real Helm for the default, canary, minimal and kind profiles;
 * every object validated offline; the invariants that earlier systems got wrong checked across
 * objects.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChartRenderingTests {

	static final List<String> ALL_SERVICES = List.of("activity", "chart", "chat", "content", "gateway", "member",
			"music", "search", "timeline", "web");

	static final Map<String, List<String>> PROFILES = Map.of("default", List.of(), "canary",
			List.of("ci/canary-values.yaml"), "minimal", List.of("ci/minimal-values.yaml"), "kind",
			List.of("ci/kind-values.yaml"), "observability", List.of("ci/observability-values.yaml"), "external",
			List.of("ci/external-values.yaml"));

	Map<String, List<JsonNode>> rendered;

	@TempDir
	Path work;

	@BeforeAll
	void render() {
		Charts.API.clear();
		this.rendered = PROFILES.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, (e) -> Charts.render(e.getValue(), Map.of())));
	}

	Stream<JsonNode> all() {
		return this.rendered.values().stream().flatMap(List::stream);
	}

	@Test
	void lintIsCleanInStrictMode() {
		LintResult lint = new Helm(Charts.chartWithImages(this.work)).lint().strict().call();
		assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
		LintResult lib = new Helm(Charts.ROOT.resolve("charts/chorus-lib")).lint().strict().call();
		assertThat(lib.isFailed()).as(String.join("\n", lib.getMessages())).isFalse();
	}

	@Test
	void defaultProfileRendersEveryServiceWithItsObjects() {
		List<JsonNode> docs = this.rendered.get("default");
		for (String kind : List.of("Deployment", "Service", "ServiceAccount", "HorizontalPodAutoscaler",
				"PodDisruptionBudget", "VirtualService", "DestinationRule", "AuthorizationPolicy", "ConfigMap", "Role",
				"RoleBinding")) {
			Set<String> names = Charts.ofKind(docs, kind).map((d) -> d.path("metadata").path("name").asText())
				.collect(Collectors.toSet());
			for (String service : ALL_SERVICES) {
				String expected = kind.equals("ConfigMap") ? service + "-config"
						: kind.equals("ServiceAccount") ? "chorus-" + service
						: kind.startsWith("Role") ? service + "-config-reader" : service;
				assertThat(names).as(kind).contains(expected);
			}
		}
		assertThat(Charts.ofKind(docs, "StatefulSet").map((d) -> d.path("metadata").path("name").asText()))
			.containsExactlyInAnyOrder("mysql", "redis", "kafka", "mongodb");
		String gatewayConfig = Charts.named(docs, "ConfigMap", "gateway-config").at("/data/application.yaml").asText();
		assertThat(gatewayConfig).contains("trusted-proxies:").contains("127.0.0.6/32").contains("uri: http://timeline:8083")
			.contains("jwks-uri: http://member:8081/.well-known/jwks.json");
	}

	@Test
	void everyRenderedObjectIsValidAgainstTheKubernetesAndIstioModels() {
		SchemaValidator validator = new SchemaValidator();
		List<String> problems = new ArrayList<>();
		all().forEach((doc) -> problems.addAll(validator.problems(doc)));
		assertThat(problems).isEmpty();
	}

	@Test
	void everyServiceMayReadAndWatchTheConfigMapItIsConfiguredToLoad() {
		this.rendered.forEach((profile, docs) -> Charts.ofKind(docs, "Deployment").forEach((deployment) -> {
			String id = profile + "/" + Charts.id(deployment);
			JsonNode pod = deployment.at("/spec/template/spec");
			String account = pod.path("serviceAccountName").asText();
			assertThat(account).as(id).isNotEmpty();
			assertThat(pod.path("automountServiceAccountToken").asBoolean(false)).as(id + " token mounted").isTrue();
			List<JsonNode> roles = Charts.ofKind(docs, "RoleBinding")
				.filter((binding) -> binding.path("roleRef").path("kind").asText().equals("Role")
						&& binding.path("roleRef").path("apiGroup").asText().equals("rbac.authorization.k8s.io"))
				.filter((binding) -> stream(binding.path("subjects")).anyMatch((subject) -> subject.path("kind")
					.asText()
					.equals("ServiceAccount") && subject.path("name").asText().equals(account)
						&& subject.path("namespace").asText().equals(Charts.NAMESPACE)))
				.map((binding) -> Charts.named(docs, "Role", binding.path("roleRef").path("name").asText()))
				.toList();
			assertThat(roles).as(id + ": roles bound to " + account)
				.anySatisfy((role) -> assertThat(stream(role.path("rules")))
					.anySatisfy((rule) -> {
						assertThat(strings(rule.path("apiGroups"))).contains("");
						assertThat(strings(rule.path("resources"))).contains("configmaps");
						assertThat(strings(rule.path("verbs"))).contains("get", "list", "watch");
					}));
			assertThat(roles).as(id + ": no access to Secrets")
				.allSatisfy((role) -> assertThat(stream(role.path("rules")))
					.noneMatch((rule) -> strings(rule.path("resources")).contains("secrets")));
			JsonNode container = pod.path("containers").get(0);
			String source = stream(container.path("env"))
				.filter((env) -> env.path("name").asText().equals("SPRING_CLOUD_KUBERNETES_CONFIG_NAME"))
				.map((env) -> env.path("value").asText())
				.findFirst()
				.orElse("");
			assertThat(source).as(id + ": configured ConfigMap source").isNotEmpty();
			JsonNode configMap = Charts.named(docs, "ConfigMap", source);
			assertThat(configMap.at("/data/application.yaml").asText()).as(id).isNotEmpty();
			assertThat(configMap.at("/metadata/labels").path("spring.cloud.kubernetes.config.informer.enabled").asText())
				.as(id + ": ConfigMap watched by the reload informer")
				.isEqualTo("true");
			assertThat(stream(container.path("env")).map((env) -> env.path("name").asText()))
				.as(id + ": no file-mounted config any more")
				.doesNotContain("SPRING_CONFIG_ADDITIONAL_LOCATION");
		}));
	}

	@Test
	void onlyRestartRequiredSettingsRollThePods() {
		String base = checksum(Map.of());
		assertThat(checksum(Map.of("services.gateway.config.chorus.gateway.cors.allowed-origins[0]",
				"https://app.chorus.test", "services.gateway.config.chorus.gateway.rate-limit.member.capacity", "5",
				"services.gateway.config.logging.level.io\\.chorus", "DEBUG")))
			.as("runtime-reloadable settings are applied in place")
			.isEqualTo(base);
		assertThat(checksum(Map.of("services.gateway.config.chorus.gateway.body.max-size", "2MB")))
			.as("a restart-required setting rolls the pods")
			.isNotEqualTo(base);
	}

	private static String checksum(Map<String, String> sets) {
		List<JsonNode> docs = Charts.render(List.of(), sets);
		return Charts.named(docs, "Deployment", "gateway")
			.at("/spec/template/metadata/annotations")
			.path("checksum/config")
			.asText();
	}

	private static Stream<JsonNode> stream(JsonNode array) {
		return java.util.stream.StreamSupport.stream(array.spliterator(), false);
	}

	private static List<String> strings(JsonNode array) {
		return stream(array).map(JsonNode::asText).toList();
	}

	@Test
	void helmTestPodsAreValidPodsOutsideTheMesh() {
		Path chart = Charts.chartWithTestPodsAsResources(this.work);
		List<JsonNode> docs = Charts.render(chart, List.of(), Map.of());
		List<JsonNode> pods = Charts.ofKind(docs, "Pod").toList();
		assertThat(pods).extracting(Charts::id)
			.containsExactlyInAnyOrder("Pod/chorus-test-gateway-health", "Pod/chorus-test-signup-login",
					"Pod/chorus-test-data-paths");
		SchemaValidator validator = new SchemaValidator();
		for (JsonNode pod : pods) {
			assertThat(validator.problems(pod)).isEmpty();
			assertThat(pod.at("/metadata/annotations/sidecar.istio.io~1inject").asText()).isEqualTo("false");
			assertPinned(pod.at("/spec/containers/0/image").asText());
		}
		String script = Charts.named(docs, "Pod", "chorus-test-signup-login").at("/spec/containers/0/command/2").asText();
		assertThat(script).contains("/api/auth/signup").contains("/api/auth/login").contains("accessToken");
		// Each service's data path, not just health: timeline, search, activity, music (upload +
		// Range), chart; every script is valid sh.
		String paths = Charts.named(docs, "Pod", "chorus-test-data-paths").at("/spec/containers/0/command/2").asText();
		assertThat(paths).contains("/api/posts").contains("/api/timeline/home").contains("/api/search?q=")
			.contains("/api/activity/me").contains("created /api/tracks ").contains("Range: bytes=0-99").contains("/plays")
			.contains("/api/charts/daily");
		for (JsonNode pod : pods) {
			JsonNode command = pod.at("/spec/containers/0/command");
			if (command.size() == 3 && command.get(0).asText().equals("sh")) {
				assertThat(shellSyntaxErrors(command.get(2).asText())).as(Charts.id(pod)).isEmpty();
			}
		}
		// A test that needs every service is left out when some are disabled.
		List<JsonNode> minimal = Charts.render(chart, List.of("ci/minimal-values.yaml"), Map.of());
		assertThat(Charts.ofKind(minimal, "Pod").map(Charts::id)).doesNotContain("Pod/chorus-test-data-paths");
	}

	private static String shellSyntaxErrors(String script) {
		try {
			Process sh = new ProcessBuilder("sh", "-n", "-c", script).redirectErrorStream(true).start();
			String out = new String(sh.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			return (sh.waitFor() == 0) ? "" : out + " (exit " + sh.exitValue() + ")";
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void schemaRejectsTyposAndWrongTypes() {
		assertThatThrownBy(() -> Charts.render(List.of(), Map.of("services.timline.port", "8083")))
			.hasMessageContaining("additional properties 'timline' not allowed");
		assertThatThrownBy(() -> Charts.render(List.of(), Map.of("services.member.canary.weigth", "5")))
			.hasMessageContaining("'weigth' not allowed");
		assertThatThrownBy(() -> Charts.render(List.of(), Map.of("services.member.port", "http")))
			.hasMessageContaining("/services/member/port");
		assertThatThrownBy(() -> Charts.render(List.of(), Map.of("services.member.canary.weight", "101")))
			.hasMessageContaining("/services/member/canary/weight");
		assertThatThrownBy(() -> Charts.render(List.of(), Map.of("global.imageTag", "latest")))
			.hasMessageContaining("/global/imageTag");
	}

	@Test
	void virtualServiceHostsAreServiceNamesAndEveryDestinationExists() {
		this.rendered.forEach((profile, docs) -> {
			Map<String, JsonNode> services = byName(docs, "Service");
			Charts.ofKind(docs, "VirtualService").forEach((vs) -> {
				String name = vs.at("/metadata/name").asText();
				if (!name.equals("chorus-edge")) {
					assertThat(vs.at("/spec/hosts")).hasSize(1);
					assertThat(vs.at("/spec/hosts/0").asText()).as(profile + " " + name).isEqualTo(name);
					assertThat(services).as(profile).containsKey(name);
				}
				for (JsonNode route : vs.at("/spec/http")) {
					int total = 0;
					for (JsonNode dest : route.path("route")) {
						String host = dest.at("/destination/host").asText();
						assertThat(services).as(profile + " " + name + " → " + host).containsKey(host);
						if (dest.at("/destination/port").isObject()) {
							int port = dest.at("/destination/port/number").asInt();
							assertThat(services.get(host).at("/spec/ports").findValuesAsText("port"))
								.contains(Integer.toString(port));
						}
						total += dest.path("weight").asInt();
					}
					assertThat(total).as(profile + " " + name + " weights").isEqualTo(100);
				}
			});
		});
	}

	@Test
	void everySubsetARouteUsesSelectsRunningPods() {
		this.rendered.forEach((profile, docs) -> {
			Map<String, JsonNode> rules = byName(docs, "DestinationRule");
			Charts.ofKind(docs, "VirtualService").forEach((vs) -> {
				for (JsonNode dest : vs.at("/spec/http").findValues("destination")) {
					String host = dest.path("host").asText();
					String subset = dest.path("subset").asText();
					JsonNode rule = rules.get(host);
					assertThat(rule).as(profile + ": DestinationRule for " + host).isNotNull();
					JsonNode labels = null;
					for (JsonNode s : rule.at("/spec/subsets")) {
						if (s.path("name").asText().equals(subset)) {
							labels = s.path("labels");
						}
					}
					assertThat(labels).as(profile + ": subset " + host + "/" + subset).isNotNull();
					Map<String, String> wanted = toMap(labels);
					wanted.put("app", host);
					boolean matched = Charts.ofKind(docs, "Deployment")
						.anyMatch((d) -> toMap(d.at("/spec/template/metadata/labels")).entrySet().containsAll(wanted.entrySet()));
					assertThat(matched).as(profile + ": pods for subset " + host + "/" + subset + " " + wanted).isTrue();
				}
			});
		});
	}

	@Test
	void autoscalersAndDisruptionBudgetsTargetExistingWorkloads() {
		this.rendered.forEach((profile, docs) -> {
			Map<String, JsonNode> deployments = byName(docs, "Deployment");
			Charts.ofKind(docs, "HorizontalPodAutoscaler").forEach((hpa) -> {
				assertThat(hpa.path("apiVersion").asText()).isEqualTo("autoscaling/v2");
				assertThat(hpa.at("/spec/scaleTargetRef/kind").asText()).isEqualTo("Deployment");
				JsonNode target = deployments.get(hpa.at("/spec/scaleTargetRef/name").asText());
				assertThat(target).as(profile + " " + Charts.id(hpa)).isNotNull();
				assertThat(target.at("/spec/replicas").isMissingNode()).as("HPA owns the replica count").isTrue();
				assertThat(hpa.at("/spec/behavior/scaleUp/policies")).isNotEmpty();
				assertThat(hpa.at("/spec/behavior/scaleDown/stabilizationWindowSeconds").asInt()).isPositive();
				assertThat(hpa.at("/spec/metrics/0/resource/name").asText()).isEqualTo("cpu");
			});
			Charts.ofKind(docs, "PodDisruptionBudget").forEach((pdb) -> {
				Map<String, String> selector = toMap(pdb.at("/spec/selector/matchLabels"));
				assertThat(deployments.values())
					.as(profile + " " + Charts.id(pdb))
					.anyMatch((d) -> toMap(d.at("/spec/template/metadata/labels")).entrySet().containsAll(selector.entrySet()));
			});
		});
	}

	@Test
	void readAndWriteGroupsScaleWithTheirOwnSettings() {
		List<JsonNode> docs = this.rendered.get("default");
		JsonNode content = Charts.named(docs, "HorizontalPodAutoscaler", "content");
		JsonNode timeline = Charts.named(docs, "HorizontalPodAutoscaler", "timeline");
		JsonNode chart = Charts.named(docs, "HorizontalPodAutoscaler", "chart");
		assertThat(Charts.named(docs, "Deployment", "content").at("/metadata/labels/chorus.io~1group").asText()).isEqualTo("write");
		assertThat(Charts.named(docs, "Deployment", "timeline").at("/metadata/labels/chorus.io~1group").asText()).isEqualTo("read");
		assertThat(Charts.named(docs, "Deployment", "chart").at("/metadata/labels/chorus.io~1group").asText()).isEqualTo("read");
		assertThat(timeline.at("/spec/maxReplicas").asInt()).isGreaterThan(content.at("/spec/maxReplicas").asInt());
		assertThat(timeline.at("/spec/behavior/scaleUp/policies/0/value").asInt())
			.isGreaterThan(content.at("/spec/behavior/scaleUp/policies/0/value").asInt());
		assertThat(chart.at("/spec/maxReplicas").asInt()).isNotEqualTo(content.at("/spec/maxReplicas").asInt());
	}

	@Test
	void everyContainerHasProbesResourcesAPinnedImageAndARestrictedSecurityContext() {
		this.rendered.forEach((profile, docs) -> {
			Stream.concat(Charts.ofKind(docs, "Deployment"), Charts.ofKind(docs, "StatefulSet")).forEach((w) -> {
				String id = profile + " " + Charts.id(w);
				for (JsonNode c : w.at("/spec/template/spec/containers")) {
					assertThat(c.has("livenessProbe")).as(id + " liveness").isTrue();
					assertThat(c.has("readinessProbe")).as(id + " readiness").isTrue();
					assertThat(c.at("/resources/requests/cpu").isMissingNode()).as(id + " cpu request").isFalse();
					assertThat(c.at("/resources/requests/memory").isMissingNode()).as(id + " memory request").isFalse();
					assertThat(c.at("/resources/limits/memory").isMissingNode()).as(id + " memory limit").isFalse();
					assertPinned(c.path("image").asText());
				}
			});
			Charts.ofKind(docs, "Deployment").forEach((d) -> {
				String id = profile + " " + Charts.id(d);
				JsonNode pod = d.at("/spec/template/spec");
				JsonNode c = pod.at("/containers/0");
				assertThat(c.at("/startupProbe/httpGet/path").asText()).as(id).isEqualTo("/actuator/health/liveness");
				assertThat(c.at("/livenessProbe/httpGet/path").asText()).as(id).isEqualTo("/actuator/health/liveness");
				assertThat(c.at("/readinessProbe/httpGet/path").asText()).as(id).isEqualTo("/actuator/health/readiness");
				assertThat(c.at("/readinessProbe/httpGet/port").asText()).as(id).isEqualTo("http-mgmt");
				assertThat(c.at("/lifecycle/preStop/exec/command").toString()).as(id).contains("sleep");
				assertThat(pod.at("/terminationGracePeriodSeconds").asInt()).as(id).isGreaterThan(30);
				assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).as(id).isTrue();
				assertThat(c.at("/securityContext/readOnlyRootFilesystem").asBoolean()).as(id).isTrue();
				assertThat(c.at("/securityContext/allowPrivilegeEscalation").asBoolean()).as(id).isFalse();
				assertThat(c.path("volumeMounts").findValuesAsText("mountPath")).as(id).contains("/tmp");
				Map<String, String> labels = toMap(d.at("/spec/template/metadata/labels"));
				assertThat(labels).as(id).containsKeys("app", "version");
				assertThat(labels.get("version")).isIn("stable", "canary");
			});
		});
	}

	@Test
	void servicesSelectPodsThroughNamedPorts() {
		this.rendered.forEach((profile, docs) -> Charts.ofKind(docs, "Service").forEach((svc) -> {
			Map<String, String> selector = toMap(svc.at("/spec/selector"));
			List<JsonNode> pods = Stream.concat(Charts.ofKind(docs, "Deployment"), Charts.ofKind(docs, "StatefulSet"))
				.filter((w) -> toMap(w.at("/spec/template/metadata/labels")).entrySet().containsAll(selector.entrySet()))
				.toList();
			assertThat(pods).as(profile + " " + Charts.id(svc)).isNotEmpty();
			for (JsonNode port : svc.at("/spec/ports")) {
				assertThat(port.path("name").asText()).as(Charts.id(svc)).matches("^(http|tcp)(-.*)?$");
			}
		}));
	}

	@Test
	void postsAreSplitByMethodBetweenContentAndTimeline() {
		List<JsonNode> docs = this.rendered.get("default");
		JsonNode contentRead = route(Charts.named(docs, "VirtualService", "content"), "posts-read");
		assertThat(contentRead.at("/match/0/uri/prefix").asText()).isEqualTo("/api/posts");
		assertThat(contentRead.at("/match/0/method/regex").asText()).isEqualTo("GET|HEAD");
		assertThat(contentRead.at("/route/0/destination/host").asText()).isEqualTo("timeline");
		JsonNode timelineWrite = route(Charts.named(docs, "VirtualService", "timeline"), "posts-write");
		assertThat(timelineWrite.at("/match/0/uri/prefix").asText()).isEqualTo("/api/posts");
		assertThat(timelineWrite.at("/match/0/method/regex").asText()).isEqualTo("POST|PUT|PATCH|DELETE");
		assertThat(timelineWrite.at("/route/0/destination/host").asText()).isEqualTo("content");
		assertThat(route(Charts.named(docs, "VirtualService", "content"), "default").at("/route/0/destination/host").asText())
			.isEqualTo("content");
	}

	@Test
	void retriesNeverMultiplyAndUploadsAndSearchHaveTheirOwnTimeouts() {
		List<JsonNode> docs = this.rendered.get("default");
		Charts.ofKind(docs, "VirtualService").forEach((vs) -> {
			for (JsonNode route : vs.at("/spec/http")) {
				String id = Charts.id(vs) + "#" + route.path("name").asText();
				assertThat(route.at("/retries/attempts").asInt()).as(id).isLessThanOrEqualTo(1);
				String retryOn = route.at("/retries/retryOn").asText();
				// Only conditions where the request never reached the application: the app's own
				// GET retry and the mesh's cannot stack into repeated processing.
				assertThat(retryOn).as(id).doesNotContain("5xx").doesNotContain("gateway-error").doesNotContain("retriable-4xx");
			}
		});
		JsonNode upload = route(Charts.named(docs, "VirtualService", "music"), "upload");
		assertThat(upload.at("/timeout").asText()).isEqualTo("120s");
		assertThat(upload.at("/retries/attempts").asInt()).isZero();
		assertThat(route(Charts.named(docs, "VirtualService", "search"), "default").at("/timeout").asText()).isEqualTo("15s");
		assertThat(route(Charts.named(docs, "VirtualService", "member"), "default").at("/timeout").asText()).isEqualTo("10s");
		JsonNode edge = Charts.named(docs, "VirtualService", "chorus-edge");
		assertThat(edge.at("/spec/http/0/retries/attempts").asInt()).isZero();
		assertThat(edge.at("/spec/gateways/0").asText()).isEqualTo("istio-system/chorus-gateway");
	}

	@Test
	void chatsWebSocketsHaveNoRequestTimeoutButAnIdleTimeout() {
		List<JsonNode> docs = this.rendered.get("default");
		JsonNode websocket = route(Charts.named(docs, "VirtualService", "chat"), "websocket");
		assertThat(websocket.at("/match/0/uri/prefix").asText()).isEqualTo("/ws/");
		assertThat(websocket.at("/timeout").asText()).isEqualTo("0s");
		assertThat(websocket.at("/retries/attempts").asInt()).isZero();
		JsonNode edge = Charts.named(docs, "VirtualService", "chorus-edge");
		assertThat(edge.at("/spec/http/0/name").asText()).isEqualTo("websocket");
		assertThat(edge.at("/spec/http/0/timeout").asText()).isEqualTo("0s");
		JsonNode chat = Charts.named(docs, "DestinationRule", "chat");
		assertThat(chat.at("/spec/trafficPolicy/connectionPool/http/idleTimeout").asText()).isEqualTo("600s");
		// the override is chat's alone, and keeps the shared pool settings
		assertThat(chat.at("/spec/trafficPolicy/connectionPool/http/http1MaxPendingRequests").asInt()).isPositive();
		assertThat(Charts.named(docs, "DestinationRule", "member").at("/spec/trafficPolicy/connectionPool/http/idleTimeout")
			.isMissingNode()).isTrue();
		JsonNode hpa = Charts.named(docs, "HorizontalPodAutoscaler", "chat");
		assertThat(hpa.at("/spec/minReplicas").asInt()).isEqualTo(2);
		assertThat(Charts.named(docs, "PodDisruptionBudget", "chat").at("/spec/maxUnavailable").asInt()).isEqualTo(1);
		assertThat(Charts.named(docs, "ConfigMap", "chat-config").at("/data/application.yaml").asText())
			.contains("public-origin: https://chorus.localtest.me");
	}

	@Test
	void destinationRulesBalanceOnLeastRequestWithOutlierDetection() {
		Charts.ofKind(this.rendered.get("default"), "DestinationRule").forEach((dr) -> {
			assertThat(dr.at("/spec/trafficPolicy/loadBalancer/simple").asText()).isEqualTo("LEAST_REQUEST");
			assertThat(dr.at("/spec/trafficPolicy/outlierDetection/consecutive5xxErrors").asInt()).isPositive();
			assertThat(dr.at("/spec/trafficPolicy/connectionPool/tcp/maxConnections").asInt()).isPositive();
			assertThat(dr.at("/spec/subsets").findValuesAsText("name")).containsExactly("stable", "canary");
		});
	}

	@Test
	void onlyTheIngressReachesTheGatewayAndOnlyTheGatewayReachesServices() {
		List<JsonNode> docs = this.rendered.get("default");
		Set<String> accounts = Charts.ofKind(docs, "ServiceAccount").map((d) -> d.at("/metadata/name").asText())
			.collect(Collectors.toSet());
		JsonNode gateway = Charts.named(docs, "AuthorizationPolicy", "gateway");
		assertThat(texts(gateway.at("/spec/rules/0/from/0/source/principals")))
			.containsExactly("cluster.local/ns/istio-system/sa/istio-ingressgateway");
		assertThat(texts(gateway.at("/spec/rules/0/to/0/operation/ports"))).containsExactly("8080");
		for (String service : ALL_SERVICES) {
			if (service.equals("gateway")) {
				continue;
			}
			JsonNode policy = Charts.named(docs, "AuthorizationPolicy", service);
			assertThat(policy.at("/spec/action").asText()).isEqualTo("ALLOW");
			List<String> principals = texts(policy.at("/spec/rules/0/from/0/source/principals"));
			assertThat(principals).containsExactly("cluster.local/ns/chorus/sa/chorus-gateway");
			for (String p : principals) {
				assertThat(accounts).contains(p.substring(p.lastIndexOf('/') + 1));
			}
			// The management rule opens health and metrics only, never the API port.
			assertThat(texts(policy.at("/spec/rules/1/to/0/operation/paths"))).allMatch((p) -> p.startsWith("/actuator/"));
		}
		assertThat(Charts.named(docs, "AuthorizationPolicy", "allow-nothing").path("spec").isEmpty()).isTrue();
		// A named caller is added to the target's policy.
		List<JsonNode> withCaller = Charts.render(List.of(), Map.of("services.chart.callers[0]", "music"));
		assertThat(texts(Charts.named(withCaller, "AuthorizationPolicy", "chart").at("/spec/rules/0/from/0/source/principals")))
			.containsExactly("cluster.local/ns/chorus/sa/chorus-gateway", "cluster.local/ns/chorus/sa/chorus-music");
	}

	@Test
	void canaryRunsASecondDeploymentWithTheCanaryVersionAndTheConfiguredWeight() {
		List<JsonNode> docs = this.rendered.get("canary");
		JsonNode canary = Charts.named(docs, "Deployment", "member-canary");
		assertThat(canary.at("/spec/template/metadata/labels/version").asText()).isEqualTo("canary");
		assertThat(canary.at("/spec/template/spec/containers/0/image").asText()).endsWith(":0.2.0-rc1");
		assertThat(Charts.named(docs, "Deployment", "member").at("/spec/template/spec/containers/0/image").asText())
			.endsWith(":0.1.0");
		JsonNode route = route(Charts.named(docs, "VirtualService", "member"), "default");
		assertThat(route.at("/route/0/destination/subset").asText()).isEqualTo("stable");
		assertThat(route.at("/route/0/weight").asInt()).isEqualTo(80);
		assertThat(route.at("/route/1/destination/subset").asText()).isEqualTo("canary");
		assertThat(route.at("/route/1/weight").asInt()).isEqualTo(20);
		// Each answer names the version that served it (the e2e run counts them per version).
		assertThat(route.at("/route/0/headers/response/set/x-chorus-version").asText()).isEqualTo("0.1.0");
		assertThat(route.at("/route/1/headers/response/set/x-chorus-version").asText()).isEqualTo("0.2.0-rc1");
		// The read half of the posts split follows timeline's canary too.
		JsonNode postsRead = route(Charts.named(docs, "VirtualService", "content"), "posts-read");
		assertThat(postsRead.at("/route/1/destination/subset").asText()).isEqualTo("canary");
		assertThat(Charts.ofKind(docs, "HorizontalPodAutoscaler").map((h) -> h.at("/spec/scaleTargetRef/name").asText()))
			.noneMatch((n) -> n.endsWith("-canary"));
		assertThatThrownBy(() -> Charts.render(List.of(), Map.of("services.member.canary.enabled", "true")))
			.hasMessageContaining("canary image tag must be pinned");
	}

	@Test
	void minimalProfileRendersNoMeshObjectsAndUsesExternalMongo() {
		List<JsonNode> docs = this.rendered.get("minimal");
		assertThat(docs).noneMatch((d) -> d.path("apiVersion").asText().contains("istio.io"));
		assertThat(Charts.ofKind(docs, "Deployment").map((d) -> d.at("/metadata/name").asText()))
			.containsExactlyInAnyOrder("gateway", "member");
		assertThat(Charts.ofKind(docs, "StatefulSet").map((d) -> d.at("/metadata/name").asText())).doesNotContain("mongodb");
		assertThat(Charts.named(docs, "Deployment", "member").at("/spec/replicas").asInt()).isEqualTo(1);
		String gatewayConfig = Charts.named(docs, "ConfigMap", "gateway-config").at("/data/application.yaml").asText();
		assertThat(gatewayConfig).contains("http://member:8081").doesNotContain("timeline");
	}

	@Test
	void optionalMonitorsAndNetworkPoliciesSelectTheirServicesAndCallers() {
		List<JsonNode> docs = this.rendered.get("observability");
		Map<String, JsonNode> services = byName(docs, "Service");
		for (String service : ALL_SERVICES) {
			JsonNode monitor = Charts.named(docs, "ServiceMonitor", service);
			Map<String, String> selector = toMap(monitor.at("/spec/selector/matchLabels"));
			assertThat(toMap(services.get(service).at("/metadata/labels")).entrySet()).containsAll(selector.entrySet());
			assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/actuator/prometheus");
			assertThat(services.get(service).at("/spec/ports").findValuesAsText("name"))
				.contains(monitor.at("/spec/endpoints/0/port").asText());
			JsonNode policy = Charts.named(docs, "NetworkPolicy", service);
			assertThat(policy.at("/spec/podSelector/matchLabels/app").asText()).isEqualTo(service);
		}
		assertThat(Charts.named(docs, "NetworkPolicy", "chart").at("/spec/ingress/0/from").findValuesAsText("app"))
			.containsExactly("gateway", "music");
		assertThat(Charts.named(docs, "NetworkPolicy", "gateway").at("/spec/ingress/0/from/0/namespaceSelector/matchLabels")
			.toString()).contains("istio-system");
	}

	@Test
	void externalStoresAreRegisteredWithTheMeshAndUseTheirOwnSecrets() {
		List<JsonNode> docs = this.rendered.get("external");
		assertThat(Charts.ofKind(docs, "StatefulSet")).isEmpty();
		assertThat(Charts.ofKind(docs, "Secret").map((d) -> d.at("/metadata/name").asText()))
			.containsExactlyInAnyOrder("chorus-member-keys", "chorus-gateway-passport");
		assertThat(Charts.ofKind(docs, "ServiceEntry").flatMap((d) -> texts(d.at("/spec/hosts")).stream()))
			.containsExactlyInAnyOrder("mysql.db.example.internal", "redis.cache.example.internal",
					"mongo.db.example.internal", "kafka-0.example.internal", "kafka-1.example.internal");
		String env = Charts.named(docs, "Deployment", "member").at("/spec/template/spec/containers/0/env").toString();
		assertThat(env).contains("r2dbc:mysql://mysql.db.example.internal:3306/member").contains("prod-mysql")
			.contains("prod-redis").contains("kafka-0.example.internal:9092,kafka-1.example.internal:9092");
		assertThat(Charts.named(docs, "Deployment", "timeline").at("/spec/template/spec/containers/0/env").toString())
			.contains("@mongo.db.example.internal:27017/timeline").contains("prod-mongodb");
	}

	@Test
	void aReadWriteOnceVolumeUnderSeveralReplicasIsRefused() {
		assertThatThrownBy(() -> Charts.render(List.of(), Map.of("services.music.persistence.accessMode", "ReadWriteOnce")))
			.hasMessageContaining("ReadWriteOnce volume cannot be shared");
	}

	private static void assertPinned(String image) {
		assertThat(image).as(image).matches("^[^:@]+(:[A-Za-z0-9._-]+|@sha256:[a-f0-9]{64})$").doesNotEndWith(":latest");
	}

	static JsonNode route(JsonNode vs, String name) {
		for (JsonNode r : vs.at("/spec/http")) {
			if (r.path("name").asText().equals(name)) {
				return r;
			}
		}
		throw new AssertionError(Charts.id(vs) + " has no route " + name);
	}

	static Map<String, JsonNode> byName(List<JsonNode> docs, String kind) {
		return Charts.ofKind(docs, kind).collect(Collectors.toMap((d) -> d.at("/metadata/name").asText(), (d) -> d));
	}

	static Map<String, String> toMap(JsonNode node) {
		Map<String, String> map = new java.util.HashMap<>();
		node.fields().forEachRemaining((e) -> map.put(e.getKey(), e.getValue().asText()));
		return map;
	}

	static List<String> texts(JsonNode array) {
		List<String> out = new ArrayList<>();
		array.forEach((n) -> out.add(n.asText()));
		return out;
	}

}
