package io.chorus.charts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * installer.sh's cluster and canary verbs against stub kind/minikube/kubectl/helm/curl/mvnw on
 * PATH that record every call and keep a little state (clusters, the running canary), plus a
 * stubbed Prometheus answering the canary's error rate and p99.
 */
class InstallerTests {

	@TempDir
	Path tmp;

	Path root;

	Path bin;

	Path state;

	Path log;

	final Map<String, String> env = new HashMap<>();

	record Run(int exit, String out, List<String> calls) {
		List<String> callsOf(String tool) {
			return this.calls.stream().filter((c) -> c.startsWith(tool + " ")).toList();
		}
	}

	@BeforeEach
	void stubs() throws IOException {
		this.root = Files.createDirectories(this.tmp.resolve("root"));
		Files.copy(Charts.ROOT.resolve("installer.sh"), this.root.resolve("installer.sh"));
		Files.createDirectories(this.root.resolve("istio"));
		Files.copy(Charts.ROOT.resolve("istio/versions.env"), this.root.resolve("istio/versions.env"));
		for (String svc : List.of("member", "gateway")) {
			Files.createDirectories(this.root.resolve("services/" + svc));
		}
		this.bin = Files.createDirectories(this.tmp.resolve("bin"));
		this.state = Files.createDirectories(this.tmp.resolve("state"));
		this.log = this.tmp.resolve("calls.log");
		String record = "printf '%s\\n' \"$(basename \"$0\") $*\" >> \"$STUB_LOG\"\n";
		stub("kind", record + """
				case "$1 $2" in
				  "get clusters") cat "$STUB_STATE/kind-clusters" 2>/dev/null || true ;;
				  "create cluster") echo "$4" >> "$STUB_STATE/kind-clusters" ;;
				  "delete cluster") : > "$STUB_STATE/kind-clusters" ;;
				esac
				""");
		stub("minikube", record + """
				case "$1" in
				  status) [ -f "$STUB_STATE/minikube" ]; exit $? ;;
				  start) touch "$STUB_STATE/minikube" ;;
				  delete) rm -f "$STUB_STATE/minikube" ;;
				esac
				""");
		stub("helm", record + """
				case " $* " in *" services."*".canary.enabled=true "*)
				  for a in "$@"; do case $a in services.*.canary.tag=*) echo "${a#*=}" > "$STUB_STATE/canary" ;; esac; done ;;
				esac
				case " $* " in *" services."*".canary.enabled=false "*) rm -f "$STUB_STATE/canary" ;; esac
				exit 0
				""");
		stub("kubectl", record + """
				case "$*" in
				  "get deployment "*-canary" -n "*" -o jsonpath="*) echo "chorus/svc:$(cat "$STUB_STATE/canary")" ;;
				  "get deployment "*-canary*) [ -f "$STUB_STATE/canary" ]; exit $? ;;
				  "rollout status deployment/"*-canary*) exit "$(cat "$STUB_STATE/rollout-rc" 2>/dev/null || echo 0)" ;;
				  "get virtualservice "*) echo 20 ;;
				  "-n istio-system port-forward "*)
				    # A failing port-forward never listens: no pid for the fake Prometheus to find.
				    if [ -n "$STUB_PORT_FORWARD_FAILS" ]; then rm -f "$STUB_STATE/port-forward.pid"; exit 1; fi
				    echo $$ > "$STUB_STATE/port-forward.pid"
				    exec sleep 60 ;;
				  "create namespace "*) echo "kind: Namespace" ;;
				  "apply -f -") cat > /dev/null ;;
				esac
				exit 0
				""");
		// A fake Prometheus: each query family answers from its STUB_* variable, a space-separated
		// list consumed one value per query ("-" = no data; the last value repeats). Through the
		// port-forward address it answers only while the port-forward process is alive, as the real
		// one does; STUB_PROM_FAIL_AT=n fails the n-th query.
		stub("curl", record + """
				case "$*" in
				  *127.0.0.1:19090*)
				    # Listening while the port-forward process lives (a killed one may linger as a zombie).
				    pid=$(cat "$STUB_STATE/port-forward.pid" 2>/dev/null)
				    { [ -n "$pid" ] && [ -r "/proc/$pid/stat" ] && ! grep -q ') Z ' "/proc/$pid/stat"; } ||
				      { echo "connection refused" >&2; exit 7; } ;;
				esac
				case "$*" in
				  */-/ready*) exit 0 ;;
				  *api/v1/query*) ;;
				  *) exit 0 ;;
				esac
				n=$(( $(cat "$STUB_STATE/queries" 2>/dev/null || echo 0) + 1 )); echo $n > "$STUB_STATE/queries"
				[ "$n" != "${STUB_PROM_FAIL_AT:-}" ] || { echo "HTTP 503" >&2; exit 22; }
				case "$*" in
				  *increase?istio_requests_total*) family=requests; values=$STUB_REQUESTS ;;
				  *histogram_quantile*'"canary"'*) family=p99; values=$STUB_P99 ;;
				  *histogram_quantile*'"stable"'*) family=stable-p99; values=$STUB_STABLE_P99 ;;
				  *'"canary"'*) family=error; values=$STUB_ERROR_RATE ;;
				  *) family=stable-error; values=$STUB_STABLE_ERROR_RATE ;;
				esac
				i=$(( $(cat "$STUB_STATE/$family" 2>/dev/null || echo 0) + 1 )); echo $i > "$STUB_STATE/$family"
				v=$(echo "$values" | awk -v i=$i '{ if (NF == 0) print "-"; else print (i <= NF ? $i : $NF) }')
				if [ "$v" = "-" ]; then echo '{"status":"success","data":{"resultType":"vector","result":[]}}'
				else printf '{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1765000000.5,"%s"]}]}}\\n' "$v"; fi
				""");
		stub("mvnw", record + """
				for s in member gateway; do mkdir -p "$CHORUS_ROOT/services/$s/target"; echo tar > "$CHORUS_ROOT/services/$s/target/jib-image.tar"; done
				""");
		this.env.put("STUB_LOG", this.log.toString());
		this.env.put("STUB_STATE", this.state.toString());
		this.env.put("CHORUS_ROOT", this.root.toString());
		this.env.put("CHORUS_MVN", this.bin.resolve("mvnw").toString());
		this.env.put("CHORUS_STATE_DIR", this.state.resolve("cluster").toString());
		this.env.put("CHORUS_IMAGE_TAG", "abc123");
		this.env.put("CHORUS_PROMETHEUS_URL", "http://prometheus.test:9090");
		// A healthy canary next to a healthy stable unless a test says otherwise.
		this.env.put("STUB_REQUESTS", "120");
		this.env.put("STUB_ERROR_RATE", "0.002");
		this.env.put("STUB_P99", "180");
		this.env.put("STUB_STABLE_ERROR_RATE", "0.001");
		this.env.put("STUB_STABLE_P99", "170");
		this.env.put("PATH", this.bin + ":/usr/bin:/bin");
	}

	void stub(String name, String body) throws IOException {
		Path file = this.bin.resolve(name);
		Files.writeString(file, "#!/bin/sh\n" + body);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
	}

	Run run(String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of("bash", this.root.resolve("installer.sh").toString()));
		command.addAll(List.of(args));
		ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
		pb.environment().remove("JAVA_HOME");
		pb.environment().putAll(this.env);
		pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
		Files.deleteIfExists(this.log);
		for (String counter : List.of("queries", "requests", "error", "p99", "stable-error", "stable-p99")) {
			Files.deleteIfExists(this.state.resolve(counter));
		}
		Process process = pb.start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		List<String> calls = Files.exists(this.log) ? Files.readAllLines(this.log) : List.of();
		return new Run(process.exitValue(), out, calls);
	}

	@Test
	void upCreatesAKindClusterInstallsPinnedIstioAndTheChartWithLoadedImages() throws Exception {
		Run up = run("up");
		assertThat(up.exit()).as(up.out()).isZero();
		assertThat(up.callsOf("kind")).anyMatch((c) -> c.startsWith("kind create cluster --name chorus --image kindest/node:v"));
		assertThat(up.callsOf("helm")).anyMatch((c) -> c.contains("metrics-server/metrics-server") && c.contains("--version 3.13.0"));
		for (String chart : List.of("istio/base", "istio/istiod", "istio/gateway")) {
			assertThat(up.callsOf("helm")).anyMatch((c) -> c.contains(chart) && c.contains("--version 1.27.1"));
		}
		assertThat(up.callsOf("kubectl")).anyMatch((c) -> c.contains("istio/gateway.yaml") && c.contains("peer-authentication.yaml"));
		assertThat(up.callsOf("mvnw")).containsExactly("mvnw -q -B -DskipTests package jib:buildTar -Djib.image.registry=chorus -Djib.image.tag=abc123");
		assertThat(up.callsOf("kind").stream().filter((c) -> c.startsWith("kind load image-archive"))).hasSize(2)
			.allMatch((c) -> c.endsWith("jib-image.tar --name chorus"));
		String install = up.callsOf("helm").get(up.callsOf("helm").size() - 1);
		assertThat(install).startsWith("helm upgrade --install chorus ").contains("--set global.imageTag=abc123").contains("--wait");
		assertThat(up.calls().indexOf(up.callsOf("mvnw").get(0))).isLessThan(up.calls().indexOf(install));
		assertThat(up.out()).contains("http://chorus.localtest.me:8880/api/");

		Run again = run("up");
		assertThat(again.exit()).isZero();
		assertThat(again.callsOf("kind")).noneMatch((c) -> c.startsWith("kind create"));
		assertThat(again.out()).contains("already exists");
	}

	@Test
	void upOnMinikubeLoadsImagesThroughMinikube() throws Exception {
		Run up = run("up", "--provider", "minikube");
		assertThat(up.exit()).as(up.out()).isZero();
		assertThat(up.callsOf("minikube")).anyMatch((c) -> c.startsWith("minikube start -p chorus"));
		assertThat(up.callsOf("minikube")).anyMatch((c) -> c.contains("addons enable metrics-server"));
		assertThat(up.callsOf("minikube").stream().filter((c) -> c.contains("image load"))).hasSize(2);
		assertThat(up.callsOf("kind")).isEmpty();
		Run down = run("down");
		assertThat(down.callsOf("minikube")).contains("minikube delete -p chorus");
	}

	@Test
	void upExplainsAMissingPrerequisite() throws Exception {
		Files.delete(this.bin.resolve("kind"));
		Run up = run("up");
		assertThat(up.exit()).isNotZero();
		assertThat(up.out()).contains("kind is required").contains("kind.sigs.k8s.io");
		assertThat(up.callsOf("helm")).isEmpty();
	}

	@Test
	void downIsIdempotentAndStatusReportsAMissingCluster() throws Exception {
		assertThat(run("up", "--skip-build").exit()).isZero();
		Run down = run("down");
		assertThat(down.callsOf("kind")).contains("kind delete cluster --name chorus");
		Run again = run("down");
		assertThat(again.exit()).isZero();
		assertThat(again.callsOf("kind")).noneMatch((c) -> c.startsWith("kind delete"));
		Run status = run("status");
		assertThat(status.exit()).isEqualTo(1);
		assertThat(status.out()).contains("does not exist");
	}

	@Test
	void canaryStartWeightAbortDriveTheReleaseThroughHelm() throws Exception {
		Run start = run("canary", "member", "start", "--tag", "0.2.0");
		assertThat(start.exit()).as(start.out()).isZero();
		assertThat(start.callsOf("helm")).containsExactly("helm upgrade chorus " + this.root.resolve("charts/chorus")
				+ " -n chorus --reuse-values --set services.member.canary.enabled=true --set services.member.canary.tag=0.2.0"
				+ " --set services.member.canary.weight=0 --wait --timeout 10m");
		assertThat(start.callsOf("kubectl")).anyMatch((c) -> c.startsWith("kubectl rollout status deployment/member-canary"));

		Run weight = run("canary", "member", "weight", "30");
		assertThat(weight.callsOf("helm")).singleElement().asString().contains("--set services.member.canary.weight=30");
		Run bad = run("canary", "member", "weight", "101");
		assertThat(bad.exit()).isNotZero();
		assertThat(bad.callsOf("helm")).isEmpty();

		Run abort = run("canary", "member", "abort");
		assertThat(abort.callsOf("helm")).singleElement().asString()
			.contains("--set services.member.canary.enabled=false --set services.member.canary.weight=0");
		assertThat(run("canary", "member", "start").exit()).isNotZero();
		assertThat(run("canary", "memberr", "abort").out()).contains("unknown service");
	}

	@Test
	void canaryStatusHasExitCodesCiCanUse() throws Exception {
		assertThat(run("canary", "member", "status").exit()).isEqualTo(2);
		run("canary", "member", "start", "--tag", "0.2.0");
		Run ready = run("canary", "member", "status", "--timeout", "5m");
		assertThat(ready.exit()).isZero();
		assertThat(ready.out()).contains("ready, tag 0.2.0, weight 20 %");
		assertThat(ready.callsOf("kubectl")).anyMatch((c) -> c.contains("rollout status deployment/member-canary") && c.contains("--timeout=5m"));
		Files.writeString(this.state.resolve("rollout-rc"), "1");
		assertThat(run("canary", "member", "status").exit()).isEqualTo(1);
	}

	Run auto(String service, String... options) throws Exception {
		List<String> args = new ArrayList<>(List.of("canary", service, "auto", "--interval", "0s"));
		args.addAll(List.of(options));
		return run(args.toArray(String[]::new));
	}

	static void assertRolledBackWithoutPromoting(Run auto, String service) {
		assertThat(auto.exit()).as(auto.out()).isEqualTo(1);
		List<String> helm = auto.callsOf("helm");
		assertThat(helm.get(helm.size() - 1))
			.contains("services." + service + ".canary.enabled=false --set services." + service + ".canary.weight=0");
		assertThat(helm).noneMatch((c) -> c.contains("image.tag"));
		assertThat(auto.out()).contains("rolling back").contains("aborted, all traffic on stable");
	}

	@Test
	void canaryAutoPromotesWhenEveryStepHasTrafficAndStaysWithinTheLimitsAndCloseToStable() throws Exception {
		run("canary", "timeline", "start", "--tag", "0.3.0");
		Run auto = auto("timeline", "--steps", "5,50,100", "--max-error-rate", "0.01", "--max-p99", "500");
		assertThat(auto.exit()).as(auto.out()).isZero();
		List<String> helm = auto.callsOf("helm");
		assertThat(helm).hasSize(5);
		assertThat(helm.get(0)).contains("services.timeline.canary.weight=5");
		assertThat(helm.get(1)).contains("services.timeline.canary.weight=50");
		assertThat(helm.get(2)).contains("services.timeline.canary.weight=100");
		assertThat(helm.get(3)).contains("--set services.timeline.image.tag=0.3.0");
		assertThat(helm.get(4)).contains("services.timeline.canary.enabled=false");
		List<String> queries = auto.callsOf("curl");
		assertThat(queries).hasSize(15).allMatch((q) -> q.contains("http://prometheus.test:9090/api/v1/query"));
		assertThat(queries.get(0)).contains("increase(istio_requests_total").contains("destination_version=\"canary\"")
			.contains("destination_app=\"timeline\"").contains("reporter=\"destination\"");
		assertThat(queries.get(1)).contains("response_code=~\"5..\"").contains("or vector(0)").contains("canary");
		assertThat(queries.get(2)).contains("istio_request_duration_milliseconds_bucket").contains("canary");
		assertThat(queries.get(3)).contains("response_code=~\"5..\"").contains("destination_version=\"stable\"");
		assertThat(queries.get(4)).contains("istio_request_duration_milliseconds_bucket").contains("stable");
		assertThat(auto.out()).contains("canary: 120 requests, error rate 0.002, p99 180 ms; stable: error rate 0.001, p99 170 ms")
			.contains("promoted 0.3.0 to stable");
	}

	@Test
	void canaryAutoRollsBackOnTheErrorRate() throws Exception {
		run("canary", "member", "start", "--tag", "0.2.0");
		this.env.put("STUB_ERROR_RATE", "0.2");
		Run auto = auto("member", "--steps", "5,25,50,100", "--max-error-rate", "0.01", "--max-p99", "500");
		assertRolledBackWithoutPromoting(auto, "member");
		assertThat(auto.callsOf("helm")).hasSize(2);
		assertThat(auto.callsOf("helm").get(0)).contains("services.member.canary.weight=5");
		assertThat(auto.out()).contains("error rate 0.2 above 0.01 at 5 %; rolling back");
	}

	@Test
	void canaryAutoRollsBackOnP99() throws Exception {
		run("canary", "member", "start", "--tag", "0.2.0");
		this.env.put("STUB_P99", "900");
		Run auto = auto("member", "--steps", "10,100", "--max-p99", "500");
		assertRolledBackWithoutPromoting(auto, "member");
		assertThat(auto.out()).contains("p99 900 ms above 500 ms");
	}

	@Test
	void canaryAutoRollsBackWhenTheCanaryIsWorseThanStableWithinTheAbsoluteLimits() throws Exception {
		run("canary", "member", "start", "--tag", "0.2.0");
		// 0.8 % errors passes the 1 % limit, but stable has none.
		this.env.put("STUB_ERROR_RATE", "0.008");
		this.env.put("STUB_STABLE_ERROR_RATE", "0");
		Run errors = auto("member", "--steps", "10,100", "--max-error-rate", "0.01");
		assertRolledBackWithoutPromoting(errors, "member");
		assertThat(errors.out()).contains("error rate 0.008 above stable's 0 + 0.005");

		run("canary", "member", "start", "--tag", "0.2.0");
		// 400 ms passes the 500 ms limit, but stable answers in 100 ms.
		this.env.put("STUB_ERROR_RATE", "0");
		this.env.put("STUB_P99", "400");
		this.env.put("STUB_STABLE_P99", "100");
		Run latency = auto("member", "--steps", "10,100", "--max-p99", "500");
		assertRolledBackWithoutPromoting(latency, "member");
		assertThat(latency.out()).contains("p99 400 ms above stable's 100 ms × 1.5");

		// At 100 % stable serves nothing: the last baseline it had still counts.
		run("canary", "member", "start", "--tag", "0.2.0");
		this.env.put("STUB_P99", "120 400");
		this.env.put("STUB_STABLE_P99", "100 -");
		Run lastBaseline = auto("member", "--steps", "50,100", "--max-p99", "500");
		assertRolledBackWithoutPromoting(lastBaseline, "member");
		assertThat(lastBaseline.out()).contains("p99 400 ms above stable's 100 ms").contains("at 100 %");
	}

	@Test
	void canaryAutoNeverPromotesWithoutCanaryRequests() throws Exception {
		run("canary", "member", "start", "--tag", "0.2.0");
		this.env.put("STUB_REQUESTS", "-");
		this.env.put("STUB_ERROR_RATE", "-");
		this.env.put("STUB_P99", "-");
		Run none = auto("member", "--steps", "100");
		assertRolledBackWithoutPromoting(none, "member");
		// The first step waits two more intervals for traffic, then gives up.
		assertThat(none.callsOf("curl").stream().filter((q) -> q.contains("increase("))).hasSize(3);
		assertThat(none.out()).contains("fewer than 20 canary requests after 3 intervals: no evidence at 100 %");

		run("canary", "member", "start", "--tag", "0.2.0");
		this.env.put("STUB_REQUESTS", "7");
		this.env.put("STUB_ERROR_RATE", "0");
		this.env.put("STUB_P99", "20");
		Run few = auto("member", "--steps", "50,100", "--min-requests", "10");
		assertRolledBackWithoutPromoting(few, "member");
		assertThat(few.callsOf("helm").get(0)).contains("canary.weight=50");
		assertThat(few.callsOf("helm")).hasSize(2);

		assertThat(run("canary", "member", "auto", "--min-requests", "0").out()).contains("--min-requests must be at least 1");
	}

	@Test
	void canaryAutoToleratesTooLittleTrafficAtTheFirstStepOnly() throws Exception {
		run("canary", "member", "start", "--tag", "0.2.0");
		// Step 1: no data, then traffic arrives; step 2: traffic; step 3: the canary goes silent.
		this.env.put("STUB_REQUESTS", "- 60 60 -");
		Run auto = auto("member", "--steps", "5,50,100");
		assertRolledBackWithoutPromoting(auto, "member");
		assertThat(auto.out()).contains("at 5 %: fewer than 20 requests yet, waiting another 0s")
			.contains("canary member at 5 %: passed")
			.contains("canary member at 50 %: passed")
			.contains("only 0 canary requests in 30s (minimum 20): no evidence at 100 %; rolling back");
		assertThat(auto.callsOf("helm").get(2)).contains("canary.weight=100");
	}

	@Test
	void canaryAutoRollsBackWhenAPrometheusQueryFails() throws Exception {
		run("canary", "member", "start", "--tag", "0.2.0");
		// The 7th query is the second step's error rate.
		this.env.put("STUB_PROM_FAIL_AT", "7");
		Run auto = auto("member", "--steps", "5,50,100");
		assertRolledBackWithoutPromoting(auto, "member");
		assertThat(auto.callsOf("helm").get(1)).contains("canary.weight=50");
		assertThat(auto.out()).contains("Prometheus query failed at 50 %; rolling back");
	}

	@Test
	void canaryAutoQueriesPrometheusThroughAPortForwardThatLivesForTheWholeRollout() throws Exception {
		this.env.remove("CHORUS_PROMETHEUS_URL");
		run("canary", "member", "start", "--tag", "0.2.0");
		Run auto = auto("member", "--steps", "50,100");
		assertThat(auto.exit()).as(auto.out()).isZero();
		assertThat(auto.callsOf("kubectl")).contains("kubectl -n istio-system port-forward svc/prometheus 19090:9090");
		assertThat(auto.callsOf("curl").stream().filter((q) -> q.contains("/api/v1/query")))
			.hasSize(10)
			.allMatch((q) -> q.contains("http://127.0.0.1:19090/api/v1/query"));
		assertThat(auto.out()).contains("promoted 0.2.0 to stable");
		long pid = Long.parseLong(Files.readString(this.state.resolve("port-forward.pid")).strip());
		assertThat(running(pid)).as("port-forward stopped on exit").isFalse();

		run("canary", "member", "start", "--tag", "0.2.0");
		this.env.put("STUB_PORT_FORWARD_FAILS", "1");
		Run unreachable = auto("member", "--steps", "50,100");
		assertRolledBackWithoutPromoting(unreachable, "member");
		assertThat(unreachable.out()).contains("Prometheus is not reachable");
	}

	/** Alive and not a zombie (a killed child of the exited installer may wait for a reaper). */
	static boolean running(long pid) throws IOException {
		Path stat = Path.of("/proc/" + pid + "/stat");
		if (!Files.exists(stat)) {
			return false;
		}
		String text = Files.readString(stat);
		return text.charAt(text.lastIndexOf(')') + 2) != 'Z';
	}

	@Test
	void existingVerbsStillWork() throws Exception {
		Files.copy(Charts.ROOT.resolve("installer.sh"), this.root.resolve("installer.sh"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		Run javaHome = run("java-home");
		assertThat(javaHome.exit()).isZero();
		assertThat(Path.of(javaHome.out().strip()).resolve("bin/java")).exists();
		Run local = run("local", "--help");
		assertThat(local.exit()).isZero();
		assertThat(local.out()).contains("Usage: ./installer.sh local <up|down|status>");
	}

	@Test
	void installerIsShellcheckClean() throws Exception {
		Assumptions.assumeTrue(new ProcessBuilder("sh", "-c", "command -v shellcheck").start().waitFor() == 0,
				"shellcheck is not installed (.ci/run installs it with apt-get when it can)");
		Process check = new ProcessBuilder("shellcheck", "-x", "installer.sh", ".ci/run").directory(Charts.ROOT.toFile())
			.redirectErrorStream(true)
			.start();
		String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(check.waitFor()).as(out).isZero();
	}

}
