package io.chorus.charts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The GitHub workflows, checked here because they only ever run on GitHub: a real workflow
 * validator (action-validator, from the npm registry, installed with the machine's npm), the
 * runner's {@code $GITHUB_ENV} format applied to what each step really writes, and the
 * pitfalls the kind run hit.
 */
class WorkflowTests {

	static final Path WORKFLOWS = Charts.ROOT.resolve(".github/workflows");

	static final Path NPM = Charts.ROOT.resolve("charts/chart-tests/target/npm");

	@TempDir
	Path tmp;

	static List<Path> workflows() throws IOException {
		try (Stream<Path> files = Files.list(WORKFLOWS)) {
			return files.filter((f) -> f.toString().endsWith(".yml")).sorted().toList();
		}
	}

	static JsonNode read(Path workflow) throws IOException {
		return Charts.YAML.readTree(workflow.toFile());
	}

	static List<JsonNode> steps(JsonNode workflow) {
		List<JsonNode> steps = new ArrayList<>();
		workflow.path("jobs").forEach((job) -> job.path("steps").forEach(steps::add));
		return steps;
	}

	/**
	 * The runner's parser of the {@code $GITHUB_ENV} file (actions/runner, SetEnvFileCommand):
	 * blank lines are skipped; every other line is {@code NAME=value} or opens a
	 * {@code NAME<<DELIMITER} block; anything else fails the step with "Invalid format".
	 */
	static Map<String, String> parseGithubEnv(String text) {
		Map<String, String> env = new LinkedHashMap<>();
		List<String> lines = List.of(text.split("\r?\n", -1));
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.isEmpty()) {
				continue;
			}
			int equals = line.indexOf('=');
			int heredoc = line.indexOf("<<");
			if (equals >= 0 && (heredoc < 0 || equals < heredoc)) {
				String name = line.substring(0, equals);
				if (name.isEmpty()) {
					throw new IllegalArgumentException("Invalid format '" + line + "'. Name must not be empty");
				}
				env.put(name, line.substring(equals + 1));
			}
			else if (heredoc >= 0) {
				String name = line.substring(0, heredoc);
				String delimiter = line.substring(heredoc + 2);
				if (name.isEmpty() || delimiter.isEmpty()) {
					throw new IllegalArgumentException("Invalid format '" + line + "'");
				}
				List<String> value = new ArrayList<>();
				i++;
				while (i < lines.size() && !lines.get(i).equals(delimiter)) {
					value.add(lines.get(i++));
				}
				if (i >= lines.size()) {
					throw new IllegalArgumentException("Invalid value. Matching delimiter not found '" + delimiter + "'");
				}
				env.put(name, String.join("\n", value));
			}
			else {
				throw new IllegalArgumentException("Invalid format '" + line + "'");
			}
		}
		return env;
	}

	@Test
	void theGithubEnvParserRejectsWhatTheRunnerRejects() throws IOException {
		assertThat(parseGithubEnv("A=1\n\nB=x=y\nC<<EOF\nline 1\nline 2\nEOF\n"))
			.containsExactly(Map.entry("A", "1"), Map.entry("B", "x=y"), Map.entry("C", "line 1\nline 2"));
		assertThatThrownBy(() -> parseGithubEnv("# a comment\nA=1\n")).hasMessageContaining("Invalid format '# a comment'");
		assertThatThrownBy(() -> parseGithubEnv("=1\n")).hasMessageContaining("Name must not be empty");
		assertThatThrownBy(() -> parseGithubEnv("C<<EOF\nunterminated\n")).hasMessageContaining("delimiter not found");
		// What the kind workflow used to append verbatim: its comment line fails the step.
		String versions = Files.readString(Charts.ROOT.resolve("istio/versions.env"));
		assertThatThrownBy(() -> parseGithubEnv(versions)).hasMessageContaining("Invalid format '#");
	}

	/** Runs each step that writes $GITHUB_ENV as the runner would (bash -eo pipefail) and parses the result. */
	@Test
	void everyStepThatWritesGithubEnvWritesTheRunnersFormat() throws Exception {
		int checked = 0;
		for (Path workflow : workflows()) {
			for (JsonNode step : steps(read(workflow))) {
				String script = step.path("run").asText("");
				if (!script.contains("GITHUB_ENV")) {
					continue;
				}
				String id = workflow.getFileName() + ": " + step.path("name").asText(script);
				assertThat(script).as(id + " must not depend on expressions to be checked here").doesNotContain("${{");
				Path env = this.tmp.resolve("github-env-" + checked);
				Files.writeString(env, "");
				ProcessBuilder pb = new ProcessBuilder("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script)
					.directory(Charts.ROOT.toFile())
					.redirectErrorStream(true);
				pb.environment().put("GITHUB_ENV", env.toString());
				Process process = pb.start();
				String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
				assertThat(process.exitValue()).as(id + ": " + out).isZero();
				Map<String, String> written = parseGithubEnv(Files.readString(env));
				assertThat(written).as(id).isNotEmpty();
				if (workflow.getFileName().toString().equals("e2e-kind.yml")) {
					assertThat(written).containsKeys("ISTIO_VERSION", "KIND_NODE_IMAGE", "KUBECTL_VERSION");
					// kubectl matches the cluster it drives (no version skew).
					assertThat("kindest/node:" + written.get("KUBECTL_VERSION")).isEqualTo(written.get("KIND_NODE_IMAGE"));
				}
				checked++;
			}
		}
		assertThat(checked).as("steps writing $GITHUB_ENV").isPositive();
	}

	@Test
	void workflowsPassAWorkflowValidator() throws Exception {
		Path validator = installValidator();
		for (Path workflow : workflows()) {
			Validation result = validate(validator, workflow);
			assertThat(result.exit()).as(workflow + ":\n" + result.out()).isZero();
		}
		// The validator really validates: a seeded mistake (a misspelt `run`) is refused.
		Path seeded = this.tmp.resolve("seeded.yml");
		Files.writeString(seeded, Files.readString(WORKFLOWS.resolve("e2e-kind.yml"))
			.replace("        run: ./installer.sh up", "        rnu: ./installer.sh up"));
		Validation broken = validate(validator, seeded);
		assertThat(broken.exit()).isNotZero();
		assertThat(broken.out()).contains("Additional property 'rnu' is not allowed");
	}

	record Validation(int exit, String out) {
	}

	static Validation validate(Path validator, Path workflow) throws Exception {
		Process process = new ProcessBuilder("node", validator.toString(), workflow.toString()).redirectErrorStream(true)
			.start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return new Validation(process.exitValue(), out);
	}

	/**
	 * npm ci of charts/chart-tests/npm (pinned, with integrity hashes) into target/npm, once per
	 * clean build. Without npm the test is skipped on a developer machine and fails in CI.
	 */
	static synchronized Path installValidator() throws Exception {
		Path cli = NPM.resolve("node_modules/@action-validator/cli/cli.mjs");
		if (Files.exists(cli)) {
			return cli;
		}
		boolean npm = new ProcessBuilder("sh", "-c", "command -v npm && command -v node").start().waitFor() == 0;
		if (!npm) {
			assertThat(System.getenv("CI")).as("npm is required in CI to validate the workflows").isNull();
			Assumptions.abort("npm is not installed: workflow validation skipped");
		}
		Files.createDirectories(NPM);
		for (String file : List.of("package.json", "package-lock.json")) {
			Files.copy(Charts.ROOT.resolve("charts/chart-tests/npm/" + file), NPM.resolve(file),
					StandardCopyOption.REPLACE_EXISTING);
		}
		Process install = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts")
			.directory(NPM.toFile())
			.redirectErrorStream(true)
			.start();
		String out = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(install.waitFor(5, TimeUnit.MINUTES)).isTrue();
		assertThat(install.exitValue()).as("npm ci: " + out).isZero();
		return cli;
	}

	/** The install line users read names the images the images workflow really pushes. */
	@Test
	void theDocumentedInstallUsesTheImagesTheImagesWorkflowPushes() throws Exception {
		String push = steps(read(WORKFLOWS.resolve("images.yml"))).stream()
			.map((step) -> step.path("run").asText(""))
			.filter((run) -> run.contains("jib:build"))
			.findFirst()
			.orElseThrow();
		assertThat(push).contains("-Djib.image.registry=\"ghcr.io/${owner}\"").contains("-Djib.image.tag=\"${GITHUB_SHA}\"");
		String readme = Files.readString(Charts.ROOT.resolve("charts/README.md"));
		assertThat(readme).contains("helm install chorus charts/chorus -n chorus")
			.contains("--set global.imageRegistry=ghcr.io/<owner> --set global.imageTag=<commit sha>");
		JsonNode values = Charts.YAML.readTree(Charts.CHART.resolve("values.yaml").toFile());
		// No default that names images nobody publishes.
		assertThat(values.at("/global/imageRegistry").asText()).isEmpty();
		assertThat(values.at("/global/imageTag").asText()).isEmpty();
	}

	@Test
	void helmTestLogsAreReadFromTestPodsThatStillExist() throws Exception {
		boolean logs = false;
		for (Path workflow : workflows()) {
			for (JsonNode step : steps(read(workflow))) {
				logs |= step.path("run").asText("").matches("(?s).*helm test [^\\n]*--logs.*");
			}
		}
		assertThat(logs).as("the kind run prints the test pods' logs").isTrue();
		// Helm deletes hook-succeeded pods before it asks for their logs, then fails the run.
		try (Stream<Path> tests = Files.list(Charts.CHART.resolve("templates/tests"))) {
			for (Path test : tests.toList()) {
				String policy = Files.readAllLines(test).stream()
					.filter((l) -> l.contains("helm.sh/hook-delete-policy"))
					.findFirst()
					.orElse("");
				assertThat(policy).as(test.getFileName().toString()).contains("before-hook-creation").doesNotContain("hook-succeeded");
			}
		}
	}

	@Test
	void theKindJobPinsItsToolsAndRunsWhatTheReadmeTellsUsers() throws Exception {
		JsonNode kind = read(WORKFLOWS.resolve("e2e-kind.yml")).path("jobs").path("kind");
		Map<String, JsonNode> actions = new LinkedHashMap<>();
		List<String> runs = new ArrayList<>();
		for (JsonNode step : kind.path("steps")) {
			String uses = step.path("uses").asText("");
			if (!uses.isEmpty()) {
				actions.put(uses.substring(0, uses.indexOf('@')), step);
				if (uses.startsWith("helm/") || uses.startsWith("azure/setup-helm")) {
					// The actions that choose the cluster tools: a full release, not a floating major.
					assertThat(uses).as(uses).matches("^helm/kind-action@v\\d+\\.\\d+\\.\\d+$|^azure/setup-helm@v\\d+$");
				}
			}
			runs.add(step.path("run").asText(""));
		}
		JsonNode kindAction = actions.get("helm/kind-action").path("with");
		assertThat(kindAction.path("version").asText()).matches("^v\\d+\\.\\d+\\.\\d+$");
		assertThat(kindAction.path("kubectl_version").asText()).isEqualTo("${{ env.KUBECTL_VERSION }}");
		assertThat(actions.get("azure/setup-helm").at("/with/version").asText()).matches("^v3\\.\\d+\\.\\d+$");
		// The same entry point as a user: README's `./installer.sh up`, no private shortcut.
		assertThat(runs).contains("./installer.sh up");
		assertThat(Files.readString(Charts.ROOT.resolve("README.md"))).contains("./installer.sh up");
		assertThat(String.join("\n", runs)).doesNotContain("helm install").doesNotContain("helm upgrade");
	}

}
