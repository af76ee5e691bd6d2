package io.chorus.charts;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Least privilege in the data stores: every service is its own user in MySQL, MongoDB and Redis
 * with rights on its own database or key prefixes only, derived from services.*.stores; only the
 * services using a store may reach it, Kafka only from the namespace.
 */
class DataStoreAccessTests {

	@AfterEach
	void forgetCluster() {
		Charts.API.clear();
	}

	static Map<String, JsonNode> env(JsonNode deployment) {
		Map<String, JsonNode> env = new LinkedHashMap<>();
		deployment.at("/spec/template/spec/containers/0/env").forEach((e) -> env.put(e.path("name").asText(), e));
		return env;
	}

	/** Deployment name → its env, for the stable Deployments that set the given variable. */
	static Map<String, Map<String, JsonNode>> clientsOf(List<JsonNode> docs, String variable) {
		return Charts.ofKind(docs, "Deployment")
			.filter((d) -> env(d).containsKey(variable))
			.collect(Collectors.toMap((d) -> d.at("/metadata/name").asText(), DataStoreAccessTests::env));
	}

	static String decoded(List<JsonNode> docs, String secret, String key) {
		String b64 = Charts.named(docs, "Secret", secret).at("/data/" + key).asText();
		assertThat(b64).as(secret + "/" + key).isNotEmpty();
		return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
	}

	@Test
	void eachMysqlServiceIsItsOwnUserWithRightsOnItsOwnDatabaseOnly() {
		List<JsonNode> docs = Charts.render(List.of(), Map.of());
		Map<String, Map<String, JsonNode>> clients = clientsOf(docs, "SPRING_R2DBC_URL");
		assertThat(clients.keySet()).containsExactlyInAnyOrder("member", "content", "music");
		String sql = Charts.named(docs, "Secret", "chorus-mysql-init").at("/stringData/init.sql").asText();
		Map<String, String> grants = new LinkedHashMap<>();
		Matcher grant = Pattern.compile("GRANT (.+?) ON (\\S+) TO '([^']+)'@'%';").matcher(sql);
		while (grant.find()) {
			assertThat(grants.put(grant.group(3), grant.group(2))).as("one grant per user").isNull();
		}
		assertThat(sql).doesNotContain("*.*").doesNotContain("WITH GRANT OPTION");
		clients.forEach((service, env) -> {
			assertThat(env.get("SPRING_R2DBC_URL").path("value").asText()).endsWith(":3306/" + service);
			for (String user : List.of("SPRING_R2DBC_USERNAME", "SPRING_FLYWAY_USER")) {
				assertThat(env.get(user).path("value").asText()).as(service + " " + user).isEqualTo(service);
			}
			for (String password : List.of("SPRING_R2DBC_PASSWORD", "SPRING_FLYWAY_PASSWORD")) {
				assertThat(env.get(password).at("/valueFrom/secretKeyRef/key").asText()).isEqualTo(service + "-password");
				assertThat(env.get(password).at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("chorus-mysql");
			}
			assertThat(grants).containsEntry(service, "`" + service + "`.*");
			// The user the service logs in with has the password the service is given.
			String password = decoded(docs, "chorus-mysql", service + "-password");
			assertThat(sql).contains("CREATE USER IF NOT EXISTS '" + service + "'@'%' IDENTIFIED BY '" + password + "';")
				.contains("ALTER USER '" + service + "'@'%' IDENTIFIED BY '" + password + "';");
		});
		assertThat(grants.keySet()).isEqualTo(clients.keySet());
		JsonNode mysql = Charts.named(docs, "StatefulSet", "mysql").at("/spec/template/spec");
		assertThat(mysql.at("/containers/0/args").toString()).contains("--init-file=/etc/mysql/chorus/init.sql");
		assertThat(mysql.at("/volumes/0/secret/secretName").asText()).isEqualTo("chorus-mysql-init");
		assertThat(mysql.at("/containers/0/env").findValuesAsText("name")).doesNotContain("MYSQL_USER", "MYSQL_PASSWORD");
	}

	@Test
	void theDatabaseListFollowsTheServicesStores() {
		List<JsonNode> docs = Charts.render(List.of(),
				Map.of("services.chart.stores[0]", "mysql", "services.chart.stores[1]", "redis", "services.chart.stores[2]", "kafka",
						"services.music.enabled", "false"));
		String sql = Charts.named(docs, "Secret", "chorus-mysql-init").at("/stringData/init.sql").asText();
		assertThat(sql).contains("CREATE DATABASE IF NOT EXISTS `chart`;").contains("TO 'chart'@'%'")
			.doesNotContain("music");
		assertThat(Charts.named(docs, "Secret", "chorus-mysql").path("data").has("chart-password")).isTrue();
	}

	@Test
	void anUpgradeKeepsEveryUsersPasswordAndTheInitFileUsesTheKeptOne() {
		String kept = Base64.getEncoder().encodeToString("kept-member-password".getBytes(StandardCharsets.UTF_8));
		Charts.API.putSecret(Charts.NAMESPACE, "chorus-mysql", Map.of("member-password", kept, "root-password", kept));
		List<JsonNode> docs = Charts.render(List.of(), Map.of());
		assertThat(Charts.named(docs, "Secret", "chorus-mysql").at("/data/member-password").asText()).isEqualTo(kept);
		assertThat(Charts.named(docs, "Secret", "chorus-mysql").at("/data/content-password").asText()).isNotEqualTo(kept);
		assertThat(Charts.named(docs, "Secret", "chorus-mysql-init").at("/stringData/init.sql").asText())
			.contains("ALTER USER 'member'@'%' IDENTIFIED BY 'kept-member-password';");
	}

	@Test
	void eachMongoServiceIsItsOwnUserInItsOwnDatabase() {
		List<JsonNode> docs = Charts.render(List.of(), Map.of());
		Map<String, Map<String, JsonNode>> clients = clientsOf(docs, "SPRING_MONGODB_URI");
		assertThat(clients.keySet()).containsExactlyInAnyOrder("timeline", "activity", "search", "chat");
		clients.forEach((service, env) -> {
			assertThat(env.get("SPRING_MONGODB_URI").path("value").asText())
				.isEqualTo("mongodb://" + service + ":$(MONGODB_PASSWORD)@mongodb:27017/" + service + "?authSource=" + service);
			assertThat(env.get("MONGODB_PASSWORD").at("/valueFrom/secretKeyRef/key").asText()).isEqualTo(service + "-password");
		});
		JsonNode mongo = Charts.named(docs, "StatefulSet", "mongodb").at("/spec/template/spec/containers/0");
		Map<String, JsonNode> mongoEnv = new LinkedHashMap<>();
		mongo.path("env").forEach((e) -> mongoEnv.put(e.path("name").asText(), e));
		Set<String> users = new TreeSet<>();
		for (String pair : mongoEnv.get("CHORUS_MONGO_USERS").path("value").asText().split(" ")) {
			String[] userAndDb = pair.split(":");
			assertThat(userAndDb[1]).as("database of " + userAndDb[0]).isEqualTo(userAndDb[0]);
			users.add(userAndDb[0]);
			assertThat(mongoEnv.get("MONGO_PASSWORD_" + userAndDb[0].toUpperCase()).at("/valueFrom/secretKeyRef/key").asText())
				.isEqualTo(userAndDb[0] + "-password");
		}
		assertThat(users).isEqualTo(new TreeSet<>(clients.keySet()));
		String script = Charts.named(docs, "ConfigMap", "mongodb-users").at("/data/users.js").asText();
		assertThat(script).contains("{ role: \"readWrite\", db: database }").doesNotContain("root").doesNotContain("AnyDatabase");
		assertThat(mongo.at("/lifecycle/postStart/exec/command").toString()).contains("/etc/chorus/users.js");
	}

	@Test
	void eachRedisServiceIsAnAclUserLimitedToItsOwnKeyPrefixes() {
		List<JsonNode> docs = Charts.render(List.of(), Map.of());
		Map<String, Map<String, JsonNode>> clients = clientsOf(docs, "SPRING_DATA_REDIS_HOST");
		assertThat(clients.keySet()).containsExactlyInAnyOrder("gateway", "member", "timeline", "music", "chart", "activity", "search",
				"chat");
		String script = Charts.named(docs, "StatefulSet", "redis").at("/spec/template/spec/containers/0/args/0").asText();
		Map<String, List<String>> patterns = new LinkedHashMap<>();
		Matcher line = Pattern.compile("echo \"user (\\S+) (.*)\"").matcher(script);
		while (line.find()) {
			if (line.group(1).equals("default")) {
				continue;
			}
			String rules = line.group(2);
			assertThat(rules).as(line.group(1)).startsWith("reset resetchannels on >$REDIS_PASSWORD_" + line.group(1).toUpperCase() + " ")
				.contains("+@all -@admin -flushall -flushdb -keys")
				.doesNotContain("~* ")
				.doesNotContain("&* ");
			patterns.put(line.group(1), Stream.of(rules.split(" ")).filter((r) -> r.startsWith("~")).map((r) -> r.substring(1)).toList());
		}
		assertThat(script).contains("exec redis-server --aclfile /tmp/users.acl");
		assertThat(patterns.keySet()).isEqualTo(clients.keySet());
		clients.forEach((service, env) -> {
			assertThat(env.get("SPRING_DATA_REDIS_USERNAME").path("value").asText()).isEqualTo(service);
			assertThat(env.get("SPRING_DATA_REDIS_PASSWORD").at("/valueFrom/secretKeyRef/key").asText()).isEqualTo(service + "-password");
			assertThat(patterns.get(service)).as(service).isNotEmpty();
		});
		// No service's pattern can match another service's keys.
		List<String[]> all = new ArrayList<>();
		patterns.forEach((service, list) -> list.forEach((p) -> all.add(new String[] { service, p })));
		for (String[] a : all) {
			for (String[] b : all) {
				if (!a[0].equals(b[0])) {
					String pa = a[1].replace("*", "");
					String pb = b[1].replace("*", "");
					assertThat(pa.startsWith(pb) || pb.startsWith(pa)).as(a[0] + " " + a[1] + " vs " + b[0] + " " + b[1]).isFalse();
				}
			}
		}
		assertThatThrownBy(() -> Charts.render(List.of(), Map.of("services.music.redisKeys", "null")))
			.hasMessageContaining("services.music.redisKeys");
	}

	@Test
	void externalStoresUseTheSamePerServiceKeysInTheirExistingSecrets() {
		List<JsonNode> docs = Charts.render(List.of("ci/external-values.yaml"), Map.of());
		Map<String, JsonNode> member = env(Charts.named(docs, "Deployment", "member"));
		assertThat(member.get("SPRING_R2DBC_PASSWORD").at("/valueFrom/secretKeyRef").toString())
			.contains("\"name\":\"prod-mysql\"").contains("\"key\":\"member-password\"");
		assertThat(member.get("SPRING_DATA_REDIS_PASSWORD").at("/valueFrom/secretKeyRef").toString())
			.contains("\"name\":\"prod-redis\"").contains("\"key\":\"member-password\"");
		assertThat(Charts.ofKind(docs, "Secret").map((d) -> d.at("/metadata/name").asText())).doesNotContain("chorus-mysql-init");
	}

	@Test
	void networkPoliciesAreOnByDefaultAndOnlyAStoresClientsReachIt() {
		List<JsonNode> docs = Charts.render(List.of(), Map.of());
		Map<String, JsonNode> policies = ChartRenderingTests.byName(docs, "NetworkPolicy");
		Stream.concat(Charts.ofKind(docs, "Deployment"), Charts.ofKind(docs, "StatefulSet")).forEach((w) -> {
			String app = w.at("/spec/template/metadata/labels/app").asText();
			assertThat(policies).as(Charts.id(w) + " is covered by a NetworkPolicy").containsKey(app);
			assertThat(policies.get(app).at("/spec/podSelector/matchLabels/app").asText()).isEqualTo(app);
		});
		Map<String, List<String>> expected = Map.of("mysql", List.of("content", "member", "music"), "mongodb",
				List.of("activity", "chat", "search", "timeline"), "redis",
				List.of("activity", "chart", "chat", "gateway", "member", "music", "search", "timeline"));
		expected.forEach((store, apps) -> {
			JsonNode rule = policies.get(store).at("/spec/ingress");
			assertThat(rule).as(store).hasSize(1);
			assertThat(rule.at("/0/from")).hasSize(1);
			assertThat(rule.at("/0/from/0/namespaceSelector").isMissingNode()).isTrue();
			JsonNode match = rule.at("/0/from/0/podSelector/matchExpressions/0");
			assertThat(match.path("key").asText()).isEqualTo("app");
			assertThat(match.path("operator").asText()).isEqualTo("In");
			assertThat(ChartRenderingTests.texts(match.path("values"))).as(store).containsExactlyInAnyOrderElementsOf(apps);
		});
		// Kafka: any pod of this namespace, nothing from outside it.
		JsonNode kafka = policies.get("kafka").at("/spec/ingress");
		assertThat(kafka).hasSize(1);
		assertThat(kafka.at("/0/from")).hasSize(1);
		assertThat(kafka.at("/0/from/0").fieldNames()).toIterable().containsExactly("podSelector");
		assertThat(kafka.at("/0/from/0/podSelector").isEmpty()).isTrue();
		// A store nobody uses admits nothing (an empty `from` would admit everyone).
		List<JsonNode> unused = Charts.render(List.of("ci/minimal-values.yaml"), Map.of("services.member.stores[0]", "redis", "services.member.stores[1]", "kafka"));
		assertThat(Charts.named(unused, "NetworkPolicy", "mysql").at("/spec/ingress").isEmpty()).isTrue();
		// The services admit the gateway on their API port, Prometheus on the sidecar's metrics.
		JsonNode member = policies.get("member");
		assertThat(member.at("/spec/ingress/0/from/0/podSelector/matchLabels/app").asText()).isEqualTo("gateway");
		assertThat(member.at("/spec/ingress/1/ports").findValuesAsText("port")).contains("http-mgmt", "15020", "15090");
	}

}
