package io.chorus.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The web client in a real headless Chromium (Debian's {@code chromium}, driven by
 * playwright-core: nothing downloads a browser) against the whole stack behind the gateway:
 * member, content, timeline, activity, search, music, chart and web in this JVM. The scenarios
 * are {@code services/web/frontend/ui-tests/*.test.mjs}, run with {@code node --test}; a
 * non-zero exit or a failed scenario fails this test. Screenshots land in
 * {@code target/ui-screenshots}, the TAP report in {@code target/ui-tests.tap}.
 *
 * <p>Access tokens live 20 s here (the gateway tolerates 1 s of skew), so "the token expired
 * while the page sat open" happens for real instead of through a stubbed answer.
 */
@ChorusInfrastructure({ Infra.MARIADB, Infra.REDIS, Infra.KAFKA, Infra.MONGO })
class WebUiIntegrationTests {

	static final Duration ACCESS_TOKEN_TTL = Duration.ofSeconds(20);

	static final Duration RUN_LIMIT = Duration.ofMinutes(10);

	private static ChorusStack stack;

	@BeforeAll
	static void start(TestNamespace namespace) {
		requireBrowserTools();
		stack = ChorusStack.on(namespace)
			.withMusic()
			.withTimeline()
			.withActivity()
			.withSearch()
			.withChart()
			.withWeb()
			.member("chorus.member.tokens.access-ttl", ACCESS_TOKEN_TTL.toSeconds() + "s")
			.gateway("chorus.gateway.tokens.clock-skew", "1s")
			// One browser is one client address making many requests (assets, polls, pages).
			.gateway("chorus.gateway.rate-limit.anonymous.capacity", "2000")
			.gateway("chorus.gateway.rate-limit.anonymous.refill-per-second", "500")
			.gateway("chorus.gateway.rate-limit.member.capacity", "2000")
			.gateway("chorus.gateway.rate-limit.member.refill-per-second", "500")
			.start();
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void theBrowserScenariosPass() throws Exception {
		Path frontend = Path.of(System.getProperty("chorus.web.frontend", "../web/frontend")).toAbsolutePath().normalize();
		Path screenshots = Path.of(System.getProperty("chorus.web.screenshots", "target/ui-screenshots")).toAbsolutePath();
		Path tap = screenshots.resolveSibling("ui-tests.tap");
		Files.createDirectories(screenshots);
		// Only this run's screenshots count (and get reviewed).
		try (var old = Files.list(screenshots)) {
			for (Path file : old.filter((p) -> p.toString().endsWith(".png")).toList()) {
				Files.delete(file);
			}
		}
		assertThat(frontend.resolve("node_modules/playwright-core")).as("npm ci ran in " + frontend).isDirectory();

		ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-concurrency=1", "--test-reporter=tap",
				"ui-tests/")
			.directory(frontend.toFile())
			.redirectErrorStream(true)
			.redirectOutput(tap.toFile());
		node.environment().put("BASE_URL", stack.gatewayUrl());
		node.environment().put("CHROMIUM", chromium());
		node.environment().put("SCREENSHOTS", screenshots.toString());
		node.environment().put("ACCESS_TOKEN_TTL_MS", String.valueOf(ACCESS_TOKEN_TTL.toMillis()));
		Process process = node.start();
		if (!process.waitFor(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly();
			fail("node --test did not finish within " + RUN_LIMIT + "; output: " + tap);
		}
		String report = Files.readString(tap);
		System.out.println(report);
		assertThat(process.exitValue()).as("node --test exit code; report:%n%s", report).isZero();
		assertThat(count(report, "# fail")).as("failed scenarios").isZero();
		// Guards against a run that silently found no scenarios.
		assertThat(count(report, "# pass")).as("passed scenarios").isGreaterThanOrEqualTo(15);
		try (var shots = Files.list(screenshots)) {
			assertThat(shots.filter((p) -> p.toString().endsWith(".png")).count()).as("screenshots").isGreaterThanOrEqualTo(12);
		}
	}

	private static int count(String report, String label) {
		Matcher m = Pattern.compile("^" + Pattern.quote(label) + " (\\d+)$", Pattern.MULTILINE).matcher(report);
		return m.find() ? Integer.parseInt(m.group(1)) : -1;
	}

	/** Debian's chromium (or CHORUS_CHROMIUM). Missing in CI is a failure; locally a loud skip. */
	private static String chromium() {
		String configured = System.getenv("CHORUS_CHROMIUM");
		return (configured != null && !configured.isBlank()) ? configured : "/usr/bin/chromium";
	}

	private static void requireBrowserTools() {
		List<String> missing = new java.util.ArrayList<>();
		if (!Files.isExecutable(Path.of(chromium()))) {
			missing.add("chromium at " + chromium() + " (apt-get install chromium, or set CHORUS_CHROMIUM)");
		}
		if (!onPath("node")) {
			missing.add("node (Node >= 20) on PATH");
		}
		if (missing.isEmpty()) {
			return;
		}
		String message = "The web UI browser tests need " + String.join(" and ", missing);
		if (System.getenv("CI") != null) {
			fail(message + ". CI must install them (.ci/run does).");
		}
		Assumptions.abort(message + "; skipped on this machine (not in CI).");
	}

	private static boolean onPath(String program) {
		String path = System.getenv("PATH");
		if (path == null) {
			return false;
		}
		for (String dir : path.split(java.io.File.pathSeparator)) {
			if (Files.isExecutable(Path.of(dir, program))) {
				return true;
			}
		}
		return false;
	}

}
