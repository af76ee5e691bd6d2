package io.chorus.charts;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart's Mongo users script (ConfigMap mongodb-users), as rendered, run with node — the
 * engine mongosh is built on — against a recording stand-in for mongosh's `db`: it creates each
 * service's user with readWrite on its own database only, updates an existing one (a rotated
 * password), and fails without a password. No MongoDB server can run here; the kind run proves
 * the real one.
 */
class MongoUsersScriptTests {

	@TempDir
	Path tmp;

	/** A fake `db` recording calls as JSON lines; `existing` users answer getUser. */
	static final String HARNESS = """
			const calls = [];
			const existing = new Set((process.env.EXISTING || "").split(" ").filter(Boolean));
			globalThis.db = {
			  getSiblingDB(name) {
			    return {
			      getUser(user) { return existing.has(name + "." + user) ? { user } : null; },
			      createUser(spec) { calls.push({ op: "create", db: name, ...spec }); },
			      updateUser(user, spec) { calls.push({ op: "update", db: name, user, ...spec }); },
			    };
			  },
			};
			require(process.env.SCRIPT);
			console.log(JSON.stringify(calls));
			""";

	record Result(int exit, String out) {
	}

	Result run(String script, Map<String, String> env) throws Exception {
		Assumptions.assumeTrue(new ProcessBuilder("sh", "-c", "command -v node").start().waitFor() == 0 || System.getenv("CI") != null,
				"node is not installed");
		Path file = this.tmp.resolve("users.js");
		Files.writeString(file, script);
		Path harness = this.tmp.resolve("harness.js");
		Files.writeString(harness, HARNESS);
		ProcessBuilder pb = new ProcessBuilder("node", harness.toString()).redirectErrorStream(true);
		pb.environment().put("SCRIPT", file.toString());
		pb.environment().putAll(env);
		Process process = pb.start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return new Result(process.exitValue(), out);
	}

	@Test
	void eachServiceGetsReadWriteOnItsOwnDatabaseAndAnExistingUserIsUpdated() throws Exception {
		List<JsonNode> docs = Charts.render(List.of(), Map.of());
		String script = Charts.named(docs, "ConfigMap", "mongodb-users").at("/data/users.js").asText();
		JsonNode mongo = Charts.named(docs, "StatefulSet", "mongodb").at("/spec/template/spec/containers/0");
		String users = "";
		for (JsonNode env : mongo.path("env")) {
			if (env.path("name").asText().equals("CHORUS_MONGO_USERS")) {
				users = env.path("value").asText();
			}
		}
		Map<String, String> env = Map.of("CHORUS_MONGO_USERS", users, "MONGO_PASSWORD_TIMELINE", "pw-t",
				"MONGO_PASSWORD_ACTIVITY", "pw-a", "MONGO_PASSWORD_SEARCH", "pw-s", "MONGO_PASSWORD_CHAT", "pw-c",
				"EXISTING", "search.search");
		Result result = run(script, env);
		assertThat(result.exit()).as(result.out()).isZero();
		JsonNode calls = Charts.YAML.readTree(result.out().strip());
		assertThat(calls).hasSize(4);
		for (JsonNode call : calls) {
			String user = call.path("user").asText();
			assertThat(call.path("db").asText()).as(user).isEqualTo(user);
			assertThat(call.path("roles").toString()).as(user).isEqualTo("[{\"role\":\"readWrite\",\"db\":\"" + user + "\"}]");
			assertThat(call.path("pwd").asText()).isEqualTo("pw-" + user.charAt(0));
			assertThat(call.path("op").asText()).isEqualTo(user.equals("search") ? "update" : "create");
		}

		Result missing = run(script, Map.of("CHORUS_MONGO_USERS", users, "MONGO_PASSWORD_TIMELINE", "pw-t"));
		assertThat(missing.exit()).isNotZero();
		assertThat(missing.out()).contains("no password for");
	}

}
